using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.WeChat;

/// <summary>One message or event pushed by WeChat, as parsed (the fields the app uses).</summary>
/// <param name="ToUserName">The official account's id (gh_…).</param>
/// <param name="FromUserName">The follower's OpenID: personal data, never logged.</param>
/// <param name="MsgType">Lower-case: text, voice, location, image, event, …</param>
public sealed record WeChatMessage(string ToUserName, string FromUserName, long CreateTime, string MsgType, string? MsgId)
{
    public string? Content { get; init; }

    /// <summary>Speech recognition of a voice message, when the account has it switched on.</summary>
    public string? Recognition { get; init; }

    public string? MediaId { get; init; }

    public string? PicUrl { get; init; }

    /// <summary>Latitude of a location message.</summary>
    public string? LocationX { get; init; }

    /// <summary>Longitude of a location message.</summary>
    public string? LocationY { get; init; }

    public string? Label { get; init; }

    /// <summary>subscribe, unsubscribe, CLICK, … as WeChat spells it.</summary>
    public string? Event { get; init; }

    public string? EventKey { get; init; }

    /// <summary>
    /// What a retried delivery shares with the first: the MsgId, or for events (which have none) the
    /// sender and CreateTime — hashed, so the key that is stored does not carry the OpenID.
    /// </summary>
    public string DedupeKey => !string.IsNullOrEmpty(MsgId)
        ? MsgId
        : "evt-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{FromUserName}|{CreateTime.ToString(CultureInfo.InvariantCulture)}")))[..32];
}
