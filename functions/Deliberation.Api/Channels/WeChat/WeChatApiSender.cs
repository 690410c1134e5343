using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.WeChat;

/// <summary>An error answer of the WeChat API (errcode ≠ 0). The message holds the code only.</summary>
public sealed class WeChatApiException(int errCode, string operation) : Exception($"WeChat {operation} failed with errcode {errCode}.")
{
    public int ErrCode { get; } = errCode;
}

/// <summary>
/// Tells a follower through the customer-service message API (客服消息):
/// <c>POST /cgi-bin/message/custom/send?access_token=…</c> <c>{"touser","msgtype":"text","text":{"content"}}</c>.
/// WeChat allows those only within 48 h of the follower's last message (errcode 45015) and a few per
/// interaction (45047); then the text goes as a template message (模板消息,
/// <c>POST /cgi-bin/message/template/send</c>) with <c>Channels:WeChat:TemplateId</c>. The template to register:
/// <code>
/// {{first.DATA}}
/// 诉求编号：{{keyword1.DATA}}
/// 办理进展：{{keyword2.DATA}}
/// {{remark.DATA}}
/// </code>
/// data keys: <c>first</c> (a heading), <c>keyword1</c> (the case number), <c>keyword2</c> (the notice text,
/// at most <see cref="TemplateTextLength"/> characters), <c>remark</c> (how to ask for the status).
/// An expired or revoked access token (40001, 40014, 42001) is fetched again and the send tried once more; any other
/// error throws, so the notifications queue retries the message.
/// </summary>
public sealed class WeChatApiSender(IHttpClientFactory clients, WeChatAccessTokens tokens, IOptions<WeChatOptions> options, ILogger<WeChatApiSender> logger) : IWeChatSender
{
    public const string ClientName = "wechat-api";
    public const int TemplateTextLength = 200;
    private static readonly int[] TokenErrors = [40001, 40014, 42001];
    private static readonly int[] WindowClosed = [45015, 45047];
    private static readonly JsonWriterOptions Writer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task SendAsync(OutboundText message, CancellationToken cancellationToken)
    {
        var errCode = await CallWithTokenAsync("/cgi-bin/message/custom/send", CustomMessage(message), cancellationToken);
        if (errCode == 0)
        {
            WeChatLog.Sent(logger, message.Template, message.CaseId, "customer-service message");
            return;
        }

        if (!WindowClosed.Contains(errCode))
        {
            throw new WeChatApiException(errCode, "customer-service message");
        }

        if (options.Value.TemplateId is not { Length: > 0 } templateId)
        {
            // Retrying will not reopen the window; only the follower writing again does.
            WeChatLog.Undeliverable(logger, message.Template, message.CaseId, errCode);
            return;
        }

        var templateError = await CallWithTokenAsync("/cgi-bin/message/template/send", TemplateMessage(message, templateId), cancellationToken);
        if (templateError != 0)
        {
            throw new WeChatApiException(templateError, "template message");
        }

        WeChatLog.Sent(logger, message.Template, message.CaseId, "template message");
    }

    /// <summary>Posts <paramref name="json"/> with the current access token, refreshing it once if WeChat says it is no longer valid.</summary>
    private async Task<int> CallWithTokenAsync(string path, byte[] json, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        var errCode = await PostAsync(path, token, json, cancellationToken);
        if (TokenErrors.Contains(errCode))
        {
            tokens.Invalidate(token);
            errCode = await PostAsync(path, await tokens.GetAsync(cancellationToken), json, cancellationToken);
        }

        return errCode;
    }

    private async Task<int> PostAsync(string path, string token, byte[] json, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(json);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var response = await clients.CreateClient(ClientName).PostAsync($"{path}?access_token={Uri.EscapeDataString(token)}", content, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        return ErrCode(body.RootElement);
    }

    internal static int ErrCode(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("errcode", out var code) && code.TryGetInt32(out var value) ? value : 0;

    private static byte[] CustomMessage(OutboundText message) => Json(w =>
    {
        w.WriteString("touser", message.To);
        w.WriteString("msgtype", "text");
        w.WriteStartObject("text");
        w.WriteString("content", message.Text);
        w.WriteEndObject();
    });

    private static byte[] TemplateMessage(OutboundText message, string templateId) => Json(w =>
    {
        w.WriteString("touser", message.To);
        w.WriteString("template_id", templateId);
        w.WriteStartObject("data");
        Field(w, "first", "您的诉求有新进展");
        Field(w, "keyword1", message.CaseId);
        Field(w, "keyword2", message.Text.Length <= TemplateTextLength ? message.Text : message.Text[..(TemplateTextLength - 1)] + "…");
        Field(w, "remark", "回复“查询”可查看办理进度。");
        w.WriteEndObject();

        static void Field(Utf8JsonWriter w, string name, string value)
        {
            w.WriteStartObject(name);
            w.WriteString("value", value);
            w.WriteEndObject();
        }
    });

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Writer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}

/// <summary>
/// The account's access_token from WeChat's stable token API (<c>POST /cgi-bin/stable_token</c>
/// <c>{"grant_type":"client_credential","appid","secret","force_refresh":false}</c>), kept until five minutes before its
/// <c>expires_in</c>. In this mode WeChat hands every caller the same token until it renews it itself (and honours the
/// old one for five minutes after), so every instance of the app uses one token and none invalidates another's, as
/// fetches from <c>/cgi-bin/token</c> did. A token WeChat rejects is forgotten and asked for again in the same mode:
/// a forced refresh would invalidate the token of every other instance. One fetch at a time per process.
/// </summary>
public sealed class WeChatAccessTokens(IHttpClientFactory clients, IOptions<WeChatOptions> options, TimeProvider time, ILogger<WeChatAccessTokens> logger) : IDisposable
{
    public const string Path = "/cgi-bin/stable_token";
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset RefreshAt)? _current;

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && time.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && time.GetUtcNow() < fresh.RefreshAt)
            {
                return fresh.Token;
            }

            var settings = options.Value;
            using var response = await clients.CreateClient(WeChatApiSender.ClientName).PostAsJsonAsync(
                Path,
                new StableTokenRequest("client_credential", settings.AppId!, settings.AppSecret!, ForceRefresh: false),
                cancellationToken);
            response.EnsureSuccessStatusCode();
            using var body = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
            var root = body.RootElement;
            if (!root.TryGetProperty("access_token", out var token) || token.GetString() is not { Length: > 0 } value)
            {
                throw new WeChatApiException(WeChatApiSender.ErrCode(root), "stable_token");
            }

            var expiresIn = root.TryGetProperty("expires_in", out var seconds) && seconds.TryGetInt32(out var s) ? s : 7200;
            var lifetime = TimeSpan.FromSeconds(expiresIn);
            _current = (value, time.GetUtcNow() + (lifetime > Margin * 2 ? lifetime - Margin : lifetime / 2));
            WeChatLog.TokenRefreshed(logger, expiresIn);
            return value;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forget <paramref name="token"/> (unless another caller has already replaced it).</summary>
    public void Invalidate(string token)
    {
        if (_current is { } cached && cached.Token == token)
        {
            _current = null;
        }
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>The body of <c>/cgi-bin/stable_token</c>, in WeChat's field names.</summary>
internal sealed record StableTokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("appid")] string AppId,
    [property: JsonPropertyName("secret")] string Secret,
    [property: JsonPropertyName("force_refresh")] bool ForceRefresh);
