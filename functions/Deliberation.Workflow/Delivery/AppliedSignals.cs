using System.Collections.Concurrent;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.Workflow.Delivery;

/// <summary>What became of a message, and the case's state right after, as the apply activity stored them.</summary>
public sealed record AppliedOutcome(MessageMarker Marker, CaseState State);

/// <summary>
/// Tells a request waiting in this process that the case applied its message, and with what outcome and state, so it
/// can answer at once without reading storage. Where the activity ran in another process the waiter falls back to
/// reading the case's record.
/// </summary>
public sealed class AppliedSignals
{
    private readonly ConcurrentDictionary<(string CaseId, string MessageId), TaskCompletionSource<AppliedOutcome>> _waiting = new();

    public Task<AppliedOutcome> WaitAsync(string caseId, string messageId) =>
        _waiting.GetOrAdd((caseId, messageId), _ => new TaskCompletionSource<AppliedOutcome>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Signal(string caseId, string messageId, AppliedOutcome outcome)
    {
        if (_waiting.TryRemove((caseId, messageId), out var waiter))
        {
            waiter.TrySetResult(outcome);
        }
    }

    public void Forget(string caseId, string messageId) => _waiting.TryRemove((caseId, messageId), out _);
}
