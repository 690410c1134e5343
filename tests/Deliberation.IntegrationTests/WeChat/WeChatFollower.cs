using System.Globalization;
using System.Security;
using System.Text;
using Deliberation.TestSupport.WeChat;

namespace Deliberation.IntegrationTests.WeChat;

/// <summary>
/// Plays WeChat's servers for one follower: builds pushes as WeChat does (signed; in safe mode encrypted with
/// the independent implementation, never the production one) and reads the replies the same way.
/// </summary>
internal sealed class WeChatFollower(HttpClient client, string openId = WeChatFollower.OpenId)
{
    public const string Token = "deliberation-test-token";
    public const string AppId = "wx2c2769f8efd9abc2";
    public const string EncodingAesKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string Account = "gh_deliberation";
    public const string OpenId = "oTestFollower_0123456789abcd";
    private static long _msgId = 6054768590064700000;

    /// <summary>An account in plaintext mode (no EncodingAESKey: the app accepts plaintext pushes only then).</summary>
    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) => Build(null, extra);

    /// <summary>An account in safe mode: its EncodingAESKey is set, so plaintext pushes are refused as downgrades.</summary>
    public static Dictionary<string, string?> SafeModeSettings(params (string Key, string? Value)[] extra) => Build(EncodingAesKey, extra);

    private static Dictionary<string, string?> Build(string? aesKey, (string Key, string? Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Channels:WeChat:Token"] = Token,
            ["Channels:WeChat:AppId"] = AppId,
            ["Channels:WeChat:EncodingAESKey"] = aesKey,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public string OpenIdOf => openId;

    public static string NextMsgId() => Interlocked.Increment(ref _msgId).ToString(CultureInfo.InvariantCulture);

    public string Text(string content, string? msgId = null) =>
        Message("text", $"<Content><![CDATA[{content}]]></Content><MsgId>{msgId ?? NextMsgId()}</MsgId>");

    public string Message(string type, string fields, long createTime = 1795482000) =>
        $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><FromUserName><![CDATA[{openId}]]></FromUserName><CreateTime>{createTime}</CreateTime><MsgType><![CDATA[{type}]]></MsgType>{fields}</xml>";

    public string Event(string name, string? key = null) =>
        Message("event", $"<Event><![CDATA[{name}]]></Event>" + (key is null ? "" : $"<EventKey><![CDATA[{key}]]></EventKey>"));

    /// <summary>A plaintext-mode push.</summary>
    /// <summary>A nonce as WeChat sends one: new for every push.</summary>
    public static string NewNonce() => Random.Shared.Next(100_000_000, 999_999_999).ToString(CultureInfo.InvariantCulture);

    public async Task<HttpResponseMessage> PostPlainAsync(string xml, string timestamp = "1795482000", string? nonce = null)
    {
        nonce ??= NewNonce();
        var signature = IndependentWeChatCrypto.Sign(Token, timestamp, nonce);
        return await client.PostAsync($"/api/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={openId}", Xml(xml));
    }

    /// <summary>A safe-mode push: the message encrypted, the envelope signed with msg_signature.</summary>
    public async Task<HttpResponseMessage> PostSafeAsync(string xml, string timestamp = "1795482000", string nonce = "314159", string appId = AppId, string? msgSignature = null)
    {
        var encrypt = IndependentWeChatCrypto.Encrypt(EncodingAesKey, appId, xml);
        var signature = IndependentWeChatCrypto.Sign(Token, timestamp, nonce);
        msgSignature ??= IndependentWeChatCrypto.Sign(Token, timestamp, nonce, encrypt);
        var envelope = $"<xml><ToUserName><![CDATA[{Account}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>";
        return await client.PostAsync($"/api/wechat?signature={signature}&timestamp={timestamp}&nonce={nonce}&openid={openId}&encrypt_type=aes&msg_signature={msgSignature}", Xml(envelope));
    }

    /// <summary>The Content of a plaintext reply (null for "success").</summary>
    public static async Task<string?> ReplyTextAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body == "success")
        {
            return null;
        }

        var xml = System.Xml.Linq.XElement.Parse(body);
        Assert.Equal("text", xml.Element("MsgType")!.Value);
        Assert.Equal(Account, xml.Element("FromUserName")!.Value);
        return xml.Element("Content")!.Value;
    }

    /// <summary>The Content of a safe-mode reply, after checking its signature and AppId independently.</summary>
    public static async Task<string?> SafeReplyTextAsync(HttpResponseMessage response, string nonce = "314159", string to = OpenId)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        if (body == "success")
        {
            return null;
        }

        var envelope = System.Xml.Linq.XElement.Parse(body);
        var encrypt = envelope.Element("Encrypt")!.Value;
        var timestamp = envelope.Element("TimeStamp")!.Value;
        Assert.Equal(nonce, envelope.Element("Nonce")!.Value);
        Assert.Equal(IndependentWeChatCrypto.Sign(Token, timestamp, nonce, encrypt), envelope.Element("MsgSignature")!.Value);
        var (xml, appId, pad) = IndependentWeChatCrypto.Decrypt(EncodingAesKey, encrypt);
        Assert.Equal(AppId, appId);
        Assert.InRange(pad, 1, 32);
        Assert.Equal(0, Convert.FromBase64String(encrypt).Length % 32);
        var reply = System.Xml.Linq.XElement.Parse(xml);
        Assert.Equal("text", reply.Element("MsgType")!.Value);
        Assert.Equal(to, reply.Element("ToUserName")!.Value);
        Assert.Equal(Account, reply.Element("FromUserName")!.Value);
        return reply.Element("Content")!.Value;
    }

    /// <summary>
    /// Pushes a safe-mode text and returns the number of the case it made, for tests not about the passive reply
    /// itself. WeChat's protocol allows two answers: the passive reply with the number, or "success" when the intake
    /// overran the reply deadline (a loaded machine), after which the number follows by customer-service message.
    /// Both count.
    /// </summary>
    public async Task<string> SubmitAsync(DeliberationApp app, string xml)
    {
        var residents = app.Service<Deliberation.Storage.Residents.ResidentDirectory>();
        var key = residents.WeChatKey(openId);
        var before = (await residents.CasesAsync(key, 50, CancellationToken.None)).Select(c => c.CaseId).ToHashSet();
        if (await SafeReplyTextAsync(await PostSafeAsync(xml), to: openId) is { } reply)
        {
            return CaseNumberIn(reply);
        }

        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(60); waited += TimeSpan.FromMilliseconds(200))
        {
            await app.PumpAsync(); // the wechat-inbox queue, where the late intake waits, is delivered by the pump here
            foreach (var item in await residents.CasesAsync(key, 5, CancellationToken.None))
            {
                if (!before.Contains(item.CaseId)
                    && (await app.NotificationsAsync(item.CaseId)).FirstOrDefault(n => n.NotificationId == $"{item.CaseId}-wechat-late") is { } late)
                {
                    return CaseNumberIn(late.Text);
                }
            }

            await Task.Delay(200);
        }

        Assert.Fail("The push was answered \"success\" and no case number followed by message within 60 s.");
        return "";
    }

    public static string CaseNumberIn(string? reply)
    {
        Assert.NotNull(reply);
        var match = System.Text.RegularExpressions.Regex.Match(reply, @"编号(\d{10,})");
        Assert.True(match.Success, reply);
        return match.Groups[1].Value;
    }

    public static string Escape(string text) => SecurityElement.Escape(text);

    private static StringContent Xml(string xml) => new(xml, Encoding.UTF8, "text/xml");
}
