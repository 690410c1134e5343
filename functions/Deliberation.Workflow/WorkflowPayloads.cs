using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;

namespace Deliberation.Workflow;

/// <summary>
/// A message raised at a case's orchestration. <paramref name="Message"/> null is a clock tick: it only tells the
/// case how far the sender's clock is from the engine's (<paramref name="ClockSkew"/>, zero in production, where the
/// edge reads the system clock; a test's fake clock moves it).
/// </summary>
public sealed record CaseDelivery(string DeliveryId, CaseMessage? Message, TimeSpan ClockSkew);

/// <summary>What a case's orchestration starts from: the case as intake stored it and the start decision's effects.</summary>
/// <param name="Combined">
/// The start is made durable together with the first decision the case makes on its own (routing after intake): one
/// activity instead of two. False in the histories of cases started before this was so, which replay as they ran.
/// </param>
/// <param name="StateETag">The state row's ETag as intake stored it (when known): the first commit writes on it unread.</param>
public sealed record CaseStart(CaseState State, IReadOnlyList<CaseEffect> Effects, string MessageId, TimeSpan ClockSkew, bool Combined = false, string? StateETag = null);

/// <summary>What became of a message the case was handed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CommitKind>))]
public enum CommitKind
{
    /// <summary>The case was created by intake; its read models and delivery record follow.</summary>
    Start,
    Applied,

    /// <summary>The action no longer applies to the state it reached (a race with another action).</summary>
    Refused,

    /// <summary>The message changes nothing any more (e.g. a stale deadline).</summary>
    Ignored,
}

/// <summary>One decision for the apply activity to make durable, with the read models that follow it.</summary>
/// <param name="Delivered">The message came from outside (its delivery record is to be cleared).</param>
/// <param name="FormerVillage">The village the case was in before this decision, when the decision moved it.</param>
/// <param name="Notices">The decision's texts, sent once it is stored; those that fail go out later on their own.</param>
/// <param name="StartMessageId">
/// On the first decision of a combined start (<see cref="CaseStart.Combined"/>): the intake's message, whose delivery
/// record is cleared with this one; the start's texts lead <paramref name="Notices"/>.
/// </param>
/// <param name="StateETag">The state row's ETag as the case's previous commit left it, when known: written on without a read.</param>
public sealed record CaseCommit(
    string CaseId,
    string MessageId,
    string MessageType,
    CommitKind Kind,
    CaseState State,
    TimelineEntry? Timeline,
    string? Reason,
    bool Delivered,
    string? FormerVillage = null,
    IReadOnlyList<NotificationRequest>? Notices = null,
    string? StartMessageId = null,
    string? StateETag = null);

/// <summary>
/// What the apply activity found. <paramref name="Behind"/>: the stored case is newer (version
/// <paramref name="StoredVersion"/>) than the state the decision was made on, so nothing was stored.
/// <paramref name="Unsent"/>: the ids of the decision's notices that could not be sent at once.
/// <paramref name="StateETag"/>: the state row's ETag after this commit wrote it (null when it did not, or the store did not say).
/// </summary>
public sealed record CaseApplied(CommitKind Kind, bool Behind = false, int StoredVersion = 0, IReadOnlyList<string>? Unsent = null, string? StateETag = null);

/// <summary>What a case's orchestration shows between episodes: whether it has nothing in hand, and the last tick it saw.</summary>
public sealed record CaseRunStatus(bool Idle, string? Tick, int Version);

/// <summary>
/// The serializer for everything that crosses the engine (inputs, events, activity payloads). The engine sees only
/// strings, so both hosts' data converters carry them unchanged.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaseDelivery))]
[JsonSerializable(typeof(CaseStart))]
[JsonSerializable(typeof(CaseCommit))]
[JsonSerializable(typeof(CaseRunStatus))]
[JsonSerializable(typeof(CaseApplied))]
[JsonSerializable(typeof(NotificationRequest))]
public sealed partial class WorkflowJson : JsonSerializerContext
{
    public static WorkflowJson Payloads { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, typeof(T), Payloads);

    public static T Read<T>(string json) =>
        (T?)JsonSerializer.Deserialize(json, typeof(T), Payloads) ?? throw new InvalidDataException($"An empty {typeof(T).Name}.");
}
