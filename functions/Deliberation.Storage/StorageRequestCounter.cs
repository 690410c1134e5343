using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Deliberation.Storage;

/// <summary>
/// Counts storage requests per workflow step (an Azure.Core pipeline policy). The step is an
/// ambient label set with <see cref="Step"/>, so the benchmark can say what each step costs.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    private static readonly AsyncLocal<string?> CurrentStep = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public static IDisposable Step(string name)
    {
        var previous = CurrentStep.Value;
        CurrentStep.Value = name;
        return new Restore(previous);
    }

    public long Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);

    public void Reset() => _counts.Clear();

    public override void OnSendingRequest(HttpMessage message) =>
        _counts.AddOrUpdate(CurrentStep.Value ?? "other", 1, (_, n) => n + 1);

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentStep.Value = previous;
    }
}
