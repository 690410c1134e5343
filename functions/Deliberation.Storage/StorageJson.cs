using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage;

/// <summary>A notice of a case for the people its audience names. Contacts are resolved by the sender.</summary>
public sealed record NotificationRequest(
    string Id,
    string CaseId,
    Audience Audience,
    string Template,
    string? UnitId,
    IReadOnlyDictionary<string, string> Data,
    DateTimeOffset CreatedAt);

/// <summary>How to reach the person who reported a case, in the clear: only in memory, stored protected.</summary>
public sealed record Reporter(Channel Channel, string? Phone, string? WeChatOpenId);

/// <summary>A resident whose report joined another's case (附议), with what they wrote, so a wrong merge can be split.</summary>
/// <param name="WasSupporter">The resident had supported the case by 附议 when their report joined it (it moved them from supporter to reporter).</param>
public sealed record CoReporter(string Key, Channel Channel, Residents.StoredReporter Contact, string Text, string? Place, DateTimeOffset At, bool WasSupporter = false);

/// <summary>A WeChat text whose intake overran the passive-reply deadline, kept on the <c>wechat-inbox</c> queue until it is a case.</summary>
public sealed record WeChatLateIntake(string OpenId, string MsgId, string Text);

/// <summary>The one source-generated serializer context for messages and stored payloads.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseState))]
[JsonSerializable(typeof(TimelineEntry))]
[JsonSerializable(typeof(CaseEffect))]
[JsonSerializable(typeof(CaseMessage))]
[JsonSerializable(typeof(NotificationRequest))]
[JsonSerializable(typeof(Reporter))]
[JsonSerializable(typeof(Residents.StoredReporter))]
[JsonSerializable(typeof(CoReporter))]
[JsonSerializable(typeof(WeChatLateIntake))]
[JsonSerializable(typeof(Meetings.MeetingRecord))]
public sealed partial class StorageJson : JsonSerializerContext
{
    /// <summary>
    /// The context stored payloads and messages are written with: Chinese text as it is, not as \uXXXX escapes,
    /// which would triple its size against the 64 KiB limit of a table property.
    /// </summary>
    public static StorageJson Store { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
