using System.Text;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;
using Deliberation.TestSupport.WeChat;

namespace Deliberation.IntegrationTests.WeChat;

public sealed class WeChatEndpointTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new(settings: WeChatFollower.SafeModeSettings());

    private WeChatFollower Follower => new(_app.CreateClient());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SafeModeText_EncryptedIndependently_GetsAnEncryptedReplyWithTheNewCaseNumber()
    {
        var response = await Follower.PostSafeAsync(Follower.Text("东宅路口的垃圾桶满了没人清运"));

        var reply = await WeChatFollower.SafeReplyTextAsync(response);
        var caseId = WeChatFollower.CaseNumberIn(reply);
        Assert.StartsWith("已收到您的诉求，编号", reply, StringComparison.Ordinal);
        var stored = await _app.GetCaseAsync(caseId);
        Assert.Equal("东宅路口的垃圾桶满了没人清运", stored.GetProperty("text").GetString());
        Assert.Equal("WeChat", stored.GetProperty("channel").GetString());
        Assert.True(stored.GetProperty("reporter").GetProperty("hasWeChat").GetBoolean());
    }

    [Fact]
    public async Task PlaintextText_SignedUrl_GetsAPlainReplyWithTheCaseNumber()
    {
        // An account in plaintext mode (no EncodingAESKey).
        await using var plain = new DeliberationApp(settings: WeChatFollower.Settings());
        var follower = new WeChatFollower(plain.CreateClient());

        var reply = await WeChatFollower.ReplyTextAsync(await follower.PostPlainAsync(follower.Text("张泾路的路灯坏了")));

        Assert.Contains(await plain.StatusOfAsync(WeChatFollower.CaseNumberIn(reply)), new[] { "Received", "Dispatched" });
    }

    [Fact]
    public async Task PlaintextPush_ToASafeModeAccount_IsRefusedAsADowngrade()
    {
        // With an EncodingAESKey set, WeChat sends every push encrypted: a plaintext one is someone else's.
        var response = await Follower.PostPlainAsync(Follower.Text("伪造的明文诉求"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task SignedPlaintextUrl_ReplayedWithAnotherBody_IsRefused_WhileTheSameBodyRedeliveredIsOne()
    {
        await using var plain = new DeliberationApp(settings: WeChatFollower.Settings());
        var follower = new WeChatFollower(plain.CreateClient());
        var intruder = new WeChatFollower(plain.CreateClient(), "oInventedFollower_000000001");
        var xml = follower.Text("东宅路口的垃圾桶满了没人清运");
        var signedAt = plain.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var first = await follower.PostPlainAsync(xml, timestamp: signedAt, nonce: "1357911");
        var redelivered = await follower.PostPlainAsync(xml, timestamp: signedAt, nonce: "1357911");
        var replayed = await intruder.PostPlainAsync(intruder.Text("异议202611240001 伪造的异议"), timestamp: signedAt, nonce: "1357911");

        var caseId = WeChatFollower.CaseNumberIn(await WeChatFollower.ReplyTextAsync(first));
        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        Assert.Equal(caseId, WeChatFollower.CaseNumberIn(await WeChatFollower.ReplyTextAsync(redelivered)));
        Assert.Equal(HttpStatusCode.Forbidden, replayed.StatusCode);
        Assert.Equal(1, await CaseCountAsync(plain));
    }

    [Fact]
    public async Task Location_WithALabelOverItsCap_IsNotStored()
    {
        var caseId = await Follower.SubmitAsync(_app, Follower.Text("东宅路口的垃圾桶满了没人清运"));
        await _app.PumpAsync();

        var response = await Follower.PostSafeAsync(Location("31.0853", "121.1712", new string('东', 5_000)));
        await _app.PumpAsync();

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Empty((await _app.GetCaseAsync(caseId)).GetProperty("attachments").EnumerateArray());
    }

    [Fact]
    public async Task UrlVerification_SignedByTheToken_EchoesEchostr()
    {
        var client = _app.CreateClient();
        var signature = IndependentWeChatCrypto.Sign(WeChatFollower.Token, "1795482000", "42");

        var ok = await client.GetAsync($"/api/wechat?signature={signature}&timestamp=1795482000&nonce=42&echostr=5838479218127813673");
        var bad = await client.GetAsync($"/api/wechat?signature={signature}&timestamp=1795482001&nonce=42&echostr=5838479218127813673");

        Assert.Equal("5838479218127813673", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task TamperedSignatures_Are403_AndNothingIsCreated()
    {
        var client = _app.CreateClient();
        var xml = Follower.Text("东宅路口的垃圾桶满了没人清运");
        var genuine = IndependentWeChatCrypto.Sign(WeChatFollower.Token, "1795482000", "1");
        var forged = (genuine[0] == '0' ? "1" : "0") + genuine[1..];

        var badUrl = await client.PostAsync($"/api/wechat?signature={forged}&timestamp=1795482000&nonce=1", new StringContent(xml, Encoding.UTF8, "text/xml"));
        var badMsg = await Follower.PostSafeAsync(xml, msgSignature: new string('a', 40));
        var wrongAppId = await Follower.PostSafeAsync(xml, appId: "wx0000000000000000");

        Assert.Equal(HttpStatusCode.Forbidden, badUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, badMsg.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongAppId.StatusCode);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Intake));
    }

    [Fact]
    public async Task ThreeConcurrentRetries_SameMsgId_MakeOneCaseAndAllGetItsNumber()
    {
        var xml = Follower.Text("东宅路口的垃圾桶满了没人清运", msgId: WeChatFollower.NextMsgId());

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new WeChatFollower(_app.CreateClient()).PostSafeAsync(xml)));

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add(WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(response)));
        }

        Assert.Single(numbers.Distinct());
        Assert.Equal([numbers[0]], await CaseIdsAsync());
    }

    [Fact]
    public async Task XxePayload_IsNotExpanded_AnsweredSuccess_AndNothingIsCreated()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh_deliberation</ToUserName><FromUserName>oAttacker</FromUserName><CreateTime>1795482000</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";

        var plain = await Follower.PostPlainAsync(xxe);
        var safe = await Follower.PostSafeAsync(xxe);

        Assert.Equal(HttpStatusCode.Forbidden, plain.StatusCode); // a plaintext push to a safe-mode account
        Assert.Equal("success", await safe.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task OversizedBody_Is413_AndNothingIsCreated()
    {
        var huge = Follower.Text(new string('垃', 40_000));

        var response = await Follower.PostPlainAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Theory]
    [InlineData("shortvideo", "<MediaId><![CDATA[m1]]></MediaId><MsgId>77</MsgId>")]
    [InlineData("hologram", "<MsgId>78</MsgId>")]
    public async Task UnknownMessageType_GetsAPoliteTextReply_AndNothingIsCreated(string type, string fields)
    {
        var reply = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Message(type, fields)));

        Assert.Contains("暂不支持此类消息", reply, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task MalformedMessage_WithinAValidEnvelope_IsAnsweredSuccess()
    {
        var response = await Follower.PostSafeAsync("<xml><MsgType>text</MsgType></xml>");

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Voice_WithRecognition_BecomesASuggestion_WithoutIt_AsksToType()
    {
        var recognised = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Message("voice", $"<MediaId><![CDATA[v1]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[张泾路的路灯坏了]]></Recognition><MsgId>{WeChatFollower.NextMsgId()}</MsgId>")));
        var silent = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Message("voice", $"<MediaId><![CDATA[v2]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>{WeChatFollower.NextMsgId()}</MsgId>")));

        Assert.Equal("张泾路的路灯坏了", (await _app.GetCaseAsync(WeChatFollower.CaseNumberIn(recognised))).GetProperty("text").GetString());
        Assert.Contains("请发送文字", silent, StringComparison.Ordinal);
        Assert.Single(await CaseIdsAsync());
    }

    [Fact]
    public async Task LocationAndImage_BeforeAnyCase_AreKeptAndGoOnTheNextSuggestion_WithTheLabelAsPlace()
    {
        var located = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Location("31.0853", "121.1712", "张泾村东宅")));
        var pictured = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Image("media-abc")));
        Assert.Contains("请接着发送文字", located, StringComparison.Ordinal);
        Assert.Contains("请接着发送文字", pictured, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));

        var caseId = await Follower.SubmitAsync(_app, Follower.Text("路口的垃圾桶满了没人清运"));
        await _app.PumpAsync();

        var stored = await _app.GetCaseAsync(caseId);
        Assert.Equal("张泾村东宅", stored.GetProperty("place").GetString());
        var attachments = stored.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["Location", "Image"], attachments.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("31.0853,121.1712", attachments[0].GetProperty("reference").GetString());
        Assert.Equal("media-abc", attachments[1].GetProperty("reference").GetString());
        Assert.Equal(0, await CountAsync(_app.Storage.Names.PendingAttachments));
    }

    [Fact]
    public async Task Location_WithAnOpenCase_IsAttachedToIt_AndNotShownToThePublic()
    {
        var caseId = await Follower.SubmitAsync(_app, Follower.Text("东宅路口的垃圾桶满了没人清运"));

        var reply = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Location("31.0853", "121.1712", "张泾村东宅")));

        Assert.Equal($"已将位置补充到您的诉求{caseId}。", reply);
        var attachment = Assert.Single((await _app.GetCaseAsync(caseId)).GetProperty("attachments").EnumerateArray());
        Assert.Equal("张泾村东宅", attachment.GetProperty("label").GetString());
        var publicView = await _app.CreateClient().GetStringAsync($"/api/public/cases/{caseId}");
        Assert.DoesNotContain("121.1712", publicView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_SubscribeAndMenu_AnswerWithUsageAndStatus_UnsubscribeWithSuccess()
    {
        var caseId = await Follower.SubmitAsync(_app, Follower.Text("东宅路口的垃圾桶满了没人清运"));
        await _app.PumpAsync();

        var welcome = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("subscribe")));
        var mine = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("CLICK", "MY_CASES")));
        var rate = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("CLICK", "RATE")));
        var submit = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("CLICK", "SUBMIT")));
        var bye = await Follower.PostSafeAsync(Follower.Event("unsubscribe"));

        Assert.Contains("回复“查询”", welcome, StringComparison.Ordinal);
        Assert.Contains($"诉求{caseId}：已派单", mine, StringComparison.Ordinal);
        Assert.Contains("回复1（满意）", rate, StringComparison.Ordinal);
        Assert.Contains("发送文字或语音", submit, StringComparison.Ordinal);
        Assert.Equal("success", await bye.Content.ReadAsStringAsync());
        Assert.Single(await CaseIdsAsync());
    }

    [Fact]
    public async Task StatusQuery_Text_AnswersWithTheCasesOfThisFollowerOnly()
    {
        var mine = await Follower.SubmitAsync(_app, Follower.Text("东宅路口的垃圾桶满了没人清运"));
        var other = new WeChatFollower(_app.CreateClient(), "oAnotherFollower_987654321");
        var theirs = await other.SubmitAsync(_app, other.Text("张泾路的路灯坏了"));

        var reply = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Text("查询")));

        Assert.Contains(mine, reply, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, reply, StringComparison.Ordinal);
    }

    private string Location(string lat, string lon, string label) =>
        Follower.Message("location", $"<Location_X>{lat}</Location_X><Location_Y>{lon}</Location_Y><Scale>15</Scale><Label><![CDATA[{label}]]></Label><MsgId>{WeChatFollower.NextMsgId()}</MsgId>");

    private string Image(string mediaId) =>
        Follower.Message("image", $"<PicUrl><![CDATA[http://mmbiz.qpic.cn/test.jpg]]></PicUrl><MediaId><![CDATA[{mediaId}]]></MediaId><MsgId>{WeChatFollower.NextMsgId()}</MsgId>");

    private static async Task<int> CaseCountAsync(DeliberationApp app)
    {
        var count = 0;
        await foreach (var unused in app.Storage.Cases.QueryAsync<TableEntity>(filter: "RowKey eq 'state'", select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<int> CountAsync(string table)
    {
        var count = 0;
        await foreach (var unused in _app.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<List<string>> CaseIdsAsync()
    {
        var ids = new HashSet<string>();
        await foreach (var row in _app.Table(_app.Storage.Names.Cases).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            ids.Add(row.PartitionKey);
        }

        return [.. ids];
    }
}
