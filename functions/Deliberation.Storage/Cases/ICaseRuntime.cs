using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Cases;

public enum CaseOutcome
{
    Created,
    Applied,

    /// <summary>The message was applied before; nothing changed this time.</summary>
    Duplicate,

    /// <summary>The message no longer applies (e.g. a stale deadline); nothing changed.</summary>
    Ignored,

    /// <summary>The action is not possible in the case's state; nothing changed.</summary>
    Rejected,
    NotFound,

    /// <summary>The message was handed to the case's workflow, which had not applied it when the caller stopped waiting.</summary>
    Accepted,

    /// <summary>The channel's message turned out to be another case's (a concurrent copy claimed it first); nothing was created.</summary>
    ClaimedElsewhere,
}

/// <summary>Runs a case's workflow: creates cases and hands them messages, answering with what became of each.</summary>
public interface ICaseRuntime
{
    /// <summary>The case partition: state, timeline, reporters (the read side of the workflow).</summary>
    CaseStore Store { get; }

    /// <summary>
    /// Creates the case. <paramref name="alongside"/> runs while the case is stored: what the caller keeps about the new
    /// case, e.g. the intake's indexes. <paramref name="claim"/>, when given, claims the channel's message for the new
    /// case while its start is recorded; false (another case has the message) creates nothing and answers
    /// <see cref="CaseOutcome.ClaimedElsewhere"/>.
    /// </summary>
    Task<CaseResult> CreateAsync(
        string caseId,
        Submit submit,
        Residents.StoredReporter reporter,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task>? alongside = null,
        Func<CancellationToken, Task<bool>>? claim = null);

    Task<CaseResult> HandleAsync(string caseId, CaseMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Hands a message to the case without waiting for it to be applied: recorded durably first, so it reaches the
    /// case even if this process stops now. For callers that need no answer (e.g. what a reply must not wait for).
    /// False when the message was already on its way.
    /// </summary>
    Task<bool> SendAsync(string caseId, CaseMessage message, CancellationToken cancellationToken);
}

public sealed record CaseResult(CaseOutcome Outcome, CaseState? State, string? Reason = null);
