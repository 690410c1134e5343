using Deliberation.Channels.WeChat;

namespace Deliberation.Api.Channels.WeChat;

/// <summary>The official account (公众号) as configured under <c>Channels:WeChat</c>.</summary>
public sealed class WeChatOptions
{
    public const string Section = "Channels:WeChat";

    /// <summary>The token set in the account's server configuration; without it the endpoint answers 404.</summary>
    public string? Token { get; set; }

    public string? AppId { get; set; }

    /// <summary>43 characters; needed for safe and compatible mode.</summary>
    public string? EncodingAESKey { get; set; }

    /// <summary>With <see cref="AppId"/>, switches on sending through the WeChat API instead of the development outbox.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The template message used when the customer-service window is closed (see <see cref="WeChatApiSender"/>).</summary>
    public string? TemplateId { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://api.weixin.qq.com");

    /// <summary>Per follower, per process: more than this in a minute gets a polite refusal.</summary>
    public int MaxMessagesPerMinute { get; set; } = 10;

    /// <summary>WeChat waits 5 s for the passive reply; past this we answer "success" and the case number follows by message.</summary>
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>WeChat's pushes are a few KB; anything larger is refused unread.</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How far a push's signed timestamp may be from now; older signed URLs are refused as replays.</summary>
    public TimeSpan MaxTimestampSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a location or image sent without an open case waits for the next suggestion.</summary>
    public TimeSpan PendingAttachmentLifetime { get; set; } = TimeSpan.FromHours(1);

    public bool CanSend => !string.IsNullOrEmpty(AppId) && !string.IsNullOrEmpty(AppSecret);

    internal IEnumerable<string> Problems()
    {
        if (!string.IsNullOrEmpty(EncodingAESKey) && !WeChatCrypto.IsValidKey(EncodingAESKey))
        {
            yield return "Channels:WeChat:EncodingAESKey must be the 43 Base64 characters WeChat shows.";
        }

        if (!string.IsNullOrEmpty(EncodingAESKey) && string.IsNullOrEmpty(AppId))
        {
            yield return "Channels:WeChat:EncodingAESKey needs Channels:WeChat:AppId (safe mode checks it).";
        }

        if (!ApiBaseUrl.IsAbsoluteUri)
        {
            yield return "Channels:WeChat:ApiBaseUrl must be an absolute URL.";
        }

        if (MaxMessagesPerMinute < 1)
        {
            yield return "Channels:WeChat:MaxMessagesPerMinute must be at least 1.";
        }

        if (ReplyTimeout < TimeSpan.Zero || ReplyTimeout >= TimeSpan.FromSeconds(5))
        {
            yield return "Channels:WeChat:ReplyTimeout must be under WeChat's 5 s.";
        }

        if (MaxBodyBytes < 1024 || PendingAttachmentLifetime <= TimeSpan.Zero)
        {
            yield return "Channels:WeChat:MaxBodyBytes must be at least 1024 and PendingAttachmentLifetime positive.";
        }
    }
}
