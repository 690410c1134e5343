using System.Globalization;
using System.Text;
using Deliberation.Api.RateLimiting;
using Deliberation.Api.Telemetry;
using Deliberation.Channels.WeChat;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.WeChat;

/// <summary>
/// <c>GET/POST /api/wechat</c>, the official account's server URL. Order matters: the URL signature is checked
/// before the body is read, the body's size before it is parsed, the safe-mode signature before it is
/// decrypted, and the rate limit before anything is stored. WeChat gets its own answers: "success", an XML
/// reply (encrypted in safe and compatible mode), 403 for a bad signature.
/// </summary>
public static class WeChatEndpoint
{
    public const string Route = "/api/wechat";
    private const string Success = "success";

    public static IEndpointRouteBuilder MapWeChat(this IEndpointRouteBuilder app)
    {
        app.MapGet(Route, Verify).WithSummary("WeChat's URL verification (echostr), signed with the account's token");
        app.MapPost(Route, ReceiveAsync).TimedAsWebhook("wechat").WithSummary("A message or event from WeChat's servers (plaintext or safe mode); answers with a passive XML reply");
        return app;
    }

    /// <summary>URL verification: WeChat checks that we know the token by having us echo its echostr.</summary>
    private static IResult Verify(HttpContext context, IOptions<WeChatOptions> options, ILoggerFactory loggers)
    {
        var query = context.Request.Query;
        if (options.Value.Token is not { Length: > 0 } token)
        {
            return Results.NotFound();
        }

        if (!WeChatSignature.Verify(query["signature"], token, query["timestamp"], query["nonce"]))
        {
            WeChatLog.Refused(Logger(loggers), "bad signature on URL verification");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        return Results.Text(query["echostr"].ToString(), "text/plain", Encoding.UTF8);
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext context,
        IOptions<WeChatOptions> options,
        WeChatKeys keys,
        Storage.Residents.WeChatNonces nonces,
        [FromKeyedServices(PerKeyRateLimiter.Names.WeChatFollowers)] PerKeyRateLimiter limiter,
        ResidentDirectory residents,
        WeChatConversation conversation,
        TimeProvider time,
        ILoggerFactory loggers)
    {
        var logger = Logger(loggers);
        var settings = options.Value;
        var query = context.Request.Query;
        if (settings.Token is not { Length: > 0 } token)
        {
            return Results.NotFound();
        }

        string? timestamp = query["timestamp"], nonce = query["nonce"];
        if (!WeChatSignature.Verify(query["signature"], token, timestamp, nonce))
        {
            WeChatLog.Refused(logger, "bad signature");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // The URL signature does not cover the body: a captured URL replayed later must not be accepted.
        if (!long.TryParse(timestamp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || (time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).Duration() > settings.MaxTimestampSkew)
        {
            WeChatLog.Refused(logger, "stale timestamp");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (await ReadBodyAsync(context, settings.MaxBodyBytes) is not { } body)
        {
            WeChatLog.Refused(logger, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var safeMode = string.Equals(query["encrypt_type"], "aes", StringComparison.OrdinalIgnoreCase);
        if (!safeMode && keys.Crypto is not null)
        {
            // With an EncodingAESKey the account is in safe (or compatible) mode: a plaintext push is a downgrade.
            WeChatLog.Refused(logger, "plaintext push while Channels:WeChat:EncodingAESKey is set");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // In plaintext mode the URL's signature does not cover the body: one body per signed URL, for every instance
        // (WeChat's redelivery repeats the body; a replay brings another). In safe mode msg_signature covers it.
        if (!safeMode && !await nonces.ClaimAsync(seconds, nonce ?? "", query["signature"].ToString(), body, context.RequestAborted))
        {
            WeChatLog.Refused(logger, "signed URL replayed with another body");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        string xml;
        if (safeMode)
        {
            if (keys.Crypto is not { } crypto)
            {
                WeChatLog.Refused(logger, "safe mode without Channels:WeChat:EncodingAESKey");
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            string encrypt;
            try
            {
                encrypt = WeChatXml.ReadEncrypt(body);
            }
            catch (WeChatXmlException)
            {
                WeChatLog.Malformed(logger, "(envelope)");
                return SuccessText();
            }

            if (!WeChatSignature.Verify(query["msg_signature"], token, timestamp, nonce, encrypt))
            {
                WeChatLog.Refused(logger, "bad msg_signature");
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            try
            {
                xml = crypto.Decrypt(encrypt);
            }
            catch (WeChatCryptoException e)
            {
                WeChatLog.Refused(logger, e.Message);
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }
        }
        else
        {
            xml = body;
        }

        WeChatMessage message;
        try
        {
            message = WeChatXml.ReadMessage(xml);
        }
        catch (WeChatXmlException)
        {
            WeChatLog.Malformed(logger, "(unreadable)");
            return SuccessText();
        }

        string? reply;
        if (!limiter.TryAcquire(residents.WeChatKey(message.FromUserName)))
        {
            WeChatLog.RateLimited(logger);
            reply = WeChatReplies.TooMany;
        }
        else
        {
            try
            {
                reply = await conversation.ReplyToAsync(message, context.RequestAborted);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or IOException)
            {
                // Nothing was accepted: an error answer lets WeChat deliver the message again.
                WeChatLog.IntakeFailed(logger, e);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        if (reply is null)
        {
            return SuccessText();
        }

        var createTime = time.GetUtcNow().ToUnixTimeSeconds();
        var replyXml = WeChatXml.TextReply(message.FromUserName, message.ToUserName, createTime, reply);
        if (safeMode)
        {
            // Replies are encrypted and signed as requests are; the request's nonce is reused, the time is ours.
            var replyTimestamp = createTime.ToString(CultureInfo.InvariantCulture);
            var encrypted = keys.Crypto!.Encrypt(replyXml);
            var signature = WeChatSignature.Compute(token, replyTimestamp, nonce!, encrypted);
            replyXml = WeChatXml.EncryptedReply(encrypted, signature, replyTimestamp, nonce!);
        }

        return Results.Text(replyXml, "application/xml", Encoding.UTF8);
    }

    private static IResult SuccessText() => Results.Text(Success, "text/plain", Encoding.UTF8);

    /// <summary>The body as UTF-8, or null when it is larger than <paramref name="limit"/> bytes (then it is not read to its end).</summary>
    private static async Task<string?> ReadBodyAsync(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ILogger Logger(ILoggerFactory loggers) => loggers.CreateLogger("Deliberation.Channels.WeChat");
}

/// <summary>The safe-mode keys, built once from the options (null without an EncodingAESKey).</summary>
public sealed class WeChatKeys(IOptions<WeChatOptions> options)
{
    public WeChatCrypto? Crypto { get; } =
        string.IsNullOrEmpty(options.Value.EncodingAESKey) || string.IsNullOrEmpty(options.Value.AppId)
            ? null
            : new WeChatCrypto(options.Value.EncodingAESKey, options.Value.AppId);
}
