using System.Text.Json.Nodes;

namespace Deliberation.Storage.Queues;

/// <summary>
/// The queue-trigger settings of host.json (<c>extensions.queues</c>), with Azure Functions' defaults.
/// The in-process listener follows them, so local runs behave like the Functions host.
/// </summary>
public sealed record QueueSettings
{
    public int BatchSize { get; init; } = 16;

    /// <summary>Processing starts on the next batch when this few remain in flight.</summary>
    public int NewBatchThreshold { get; init; } = 8;

    /// <summary>How long a failed message stays hidden before it is tried again.</summary>
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public int MaxDequeueCount { get; init; } = 5;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Reads <c>extensions.queues</c> from a host.json document; missing values keep their defaults.</summary>
    public static QueueSettings FromHostJson(string json)
    {
        var queues = JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })?["extensions"]?["queues"];
        var defaults = new QueueSettings();
        if (queues is null)
        {
            return defaults;
        }

        var batchSize = Int("batchSize") ?? defaults.BatchSize;
        if (batchSize is < 1 or > 32)
        {
            throw new InvalidDataException("host.json extensions.queues.batchSize must be between 1 and 32.");
        }

        return new QueueSettings
        {
            BatchSize = batchSize,
            NewBatchThreshold = Int("newBatchThreshold") ?? batchSize / 2,
            VisibilityTimeout = Span("visibilityTimeout") ?? defaults.VisibilityTimeout,
            MaxDequeueCount = Int("maxDequeueCount") ?? defaults.MaxDequeueCount,
            MaxPollingInterval = Span("maxPollingInterval") ?? defaults.MaxPollingInterval,
        };

        int? Int(string name) => queues[name] is { } node ? node.GetValue<int>() : null;

        TimeSpan? Span(string name) => queues[name] is { } node
            ? TimeSpan.TryParse(node.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var span)
                ? span
                : throw new InvalidDataException($"host.json extensions.queues.{name} is not a time span (hh:mm:ss).")
            : null;
    }
}
