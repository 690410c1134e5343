using System.Collections.Concurrent;

namespace Deliberation.Workflow.Delivery;

/// <summary>
/// Tells a request waiting in this process that the case applied its message, so it can answer at once instead of
/// polling storage. Where the activity ran in another process the waiter falls back to reading the case's record.
/// </summary>
public sealed class AppliedSignals
{
    private readonly ConcurrentDictionary<(string CaseId, string MessageId), TaskCompletionSource> _waiting = new();

    public Task WaitAsync(string caseId, string messageId) =>
        _waiting.GetOrAdd((caseId, messageId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Signal(string caseId, string messageId)
    {
        if (_waiting.TryRemove((caseId, messageId), out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    public void Forget(string caseId, string messageId) => _waiting.TryRemove((caseId, messageId), out _);
}
