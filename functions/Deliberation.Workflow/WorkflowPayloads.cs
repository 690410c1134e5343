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
public sealed record CaseStart(CaseState State, IReadOnlyList<CaseEffect> Effects, string MessageId, TimeSpan ClockSkew);

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
    IReadOnlyList<NotificationRequest>? Notices = null);

/// <summary>
/// What the apply activity found. <paramref name="Behind"/>: the stored case is newer (version
/// <paramref name="StoredVersion"/>) than the state the decision was made on, so nothing was stored.
/// <paramref name="Unsent"/>: the ids of the decision's notices that could not be sent at once.
/// </summary>
public sealed record CaseApplied(CommitKind Kind, bool Behind = false, int StoredVersion = 0, IReadOnlyList<string>? Unsent = null);

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
