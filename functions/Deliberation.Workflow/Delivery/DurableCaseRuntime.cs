using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;
using Deliberation.Workflow.Cases;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deliberation.Workflow.Delivery;

/// <summary>
/// The case runtime on the durable engine. A new case is stored by intake, its start recorded, and its orchestration
/// scheduled without the answer waiting for the engine; a message is
/// checked against the case's last known state with the pure decider (refused at once when it cannot apply), recorded,
/// raised as the orchestration's event, and answered with the state that applied it when that happens within
/// <see cref="WorkflowOptions.ApplyWait"/>, else as accepted.
/// </summary>
public sealed partial class DurableCaseRuntime(
    StorageClients clients,
    TownState town,
    DurableClientAccessor durable,
    DeliveryLog deliveries,
    AppliedSignals signals,
    TimeProvider time,
    IOptions<WorkflowOptions> options,
    ILogger<DurableCaseRuntime> logger) : ICaseRuntime
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>New cases of this process whose orchestration is being scheduled.</summary>
    private readonly InFlightWork _starting = new();

    public CaseStore Store { get; } = new(clients.Cases);

    /// <summary>How far the app's clock is from the system's: zero in production; a test's fake clock sets it.</summary>
    public TimeSpan ClockSkew
    {
        get
        {
            var skew = time.GetUtcNow() - TimeProvider.System.GetUtcNow();
            return skew.Duration() < TimeSpan.FromSeconds(1) ? TimeSpan.Zero : skew;
        }
    }

    public async Task<CaseResult> CreateAsync(
        string caseId,
        Submit submit,
        Storage.Residents.StoredReporter reporter,
        CancellationToken cancellationToken,
        Func<CancellationToken, Task>? alongside = null,
        Func<CancellationToken, Task<bool>>? claim = null)
    {
        var now = time.GetUtcNow();
        var decision = CaseWorkflow.Start(caseId, submit, town.Context, now);
        if (decision.NewState is not { } state)
        {
            return new CaseResult(CaseOutcome.Rejected, null, decision.Rejection);
        }

        // Recorded first: if this process dies before the orchestration is scheduled, the reconciler schedules it. The
        // channel's message is claimed at the same time; a start recorded for a claim lost (or for a case this process
        // did not live to store) has no case, and the reconciler clears it. The intake's own rows (alongside) are
        // written with the case.
        var start = new CaseStart(state, decision.Effects, submit.MessageId, ClockSkew, Combined: true);
        var recording = deliveries.RecordAsync(caseId, submit.MessageId, DeliveryKind.Start, WorkflowJson.Write(start), cancellationToken);
        if (claim is not null)
        {
            var claiming = claim(cancellationToken);
            await Task.WhenAll(recording, claiming);
            if (!claiming.Result)
            {
                await deliveries.ClearAsync(caseId, submit.MessageId, cancellationToken);
                return new CaseResult(CaseOutcome.ClaimedElsewhere, null);
            }
        }

        await recording;
        var keeping = alongside?.Invoke(cancellationToken) ?? Task.CompletedTask;
        string? stateETag;
        try
        {
            stateETag = await Store.CreateAsync(state, decision.Timeline, submit.MessageId, reporter, cancellationToken);
        }
        catch (Azure.Data.Tables.TableTransactionFailedException e) when (e.Status == 409)
        {
            // The same submission was stored before: one case, not two.
            await keeping;
            var existing = await Store.GetStateAsync(caseId, cancellationToken);
            return new CaseResult(CaseOutcome.Duplicate, existing?.State);
        }

        // The case is stored and its start recorded: the answer need not wait for the engine. Its orchestration is
        // scheduled now, with the stored row's ETag (the recorded start, for the reconciler, goes without); a message
        // for the case from this process waits for that, and the reconciler schedules it if this process stops first.
        StartSoon(caseId, WorkflowJson.Write(start with { StateETag = stateETag }));
        await keeping;
        LogCreated(logger, caseId, submit.Channel);
        return new CaseResult(CaseOutcome.Created, state);
    }

    public async Task<CaseResult> HandleAsync(string caseId, CaseMessage message, CancellationToken cancellationToken)
    {
        // The case and the message's marker, read at once: a message seen before is answered with what became of it.
        var reading = Store.GetStateAsync(caseId, cancellationToken);
        var seen = Store.MarkerAsync(caseId, message.MessageId, cancellationToken);
        await Task.WhenAll(reading, seen);
        if (reading.Result is not { State: var state })
        {
            return new CaseResult(CaseOutcome.NotFound, null, $"No case {caseId}.");
        }

        if (seen.Result is { } marker)
        {
            return Answer(marker, state, duplicate: true);
        }

        // The pre-check: an action the last known state does not allow is refused without troubling the case.
        var now = message.OccurredAt > state.UpdatedAt ? message.OccurredAt : state.UpdatedAt;
        var decision = CaseWorkflow.Decide(state, message, town.Context, now);
        if (decision.Rejection is not null)
        {
            return new CaseResult(CaseOutcome.Rejected, state, decision.Rejection);
        }

        if (decision.NewState is null)
        {
            return new CaseResult(CaseOutcome.Ignored, state, decision.Ignored);
        }

        var applied = signals.WaitAsync(caseId, message.MessageId);
        try
        {
            // A second sender of the same message (a concurrent retry) waits for the first one's outcome and hears it
            // was a duplicate: one of them, not both, made the change.
            var first = await SendAsync(caseId, message, cancellationToken);
            if (await WaitAppliedAsync(caseId, message.MessageId, applied, cancellationToken) is not { } outcome)
            {
                return new CaseResult(CaseOutcome.Accepted, state);
            }

            var after = outcome.State ?? (await Store.GetStateAsync(caseId, cancellationToken))?.State ?? state;
            return Answer(outcome.Marker, after, duplicate: !first);
        }
        finally
        {
            signals.Forget(caseId, message.MessageId);
        }
    }

    /// <summary>
    /// Hands a message to the case's orchestration: recorded first, then raised (at least once; the case applies it
    /// once). False when the message was already on its way (recorded by another sender, who raised it).
    /// </summary>
    public async Task<bool> SendAsync(string caseId, CaseMessage message, CancellationToken cancellationToken)
    {
        var payload = WorkflowJson.Write(new CaseDelivery(message.MessageId, message, ClockSkew));
        if (!await deliveries.RecordAsync(caseId, message.MessageId, DeliveryKind.Message, payload, cancellationToken))
        {
            return false;
        }

        await StartedAsync(caseId);
        await durable.Client.RaiseEventAsync(caseId, CaseOrchestration.MessageEvent, payload, cancellationToken);
        return true;
    }

    /// <summary>Schedules a new case's orchestration without holding up the request that made it.</summary>
    private void StartSoon(string caseId, string start) => _starting.Add(caseId, ScheduleOrLeaveAsync(caseId, start));

    private async Task ScheduleOrLeaveAsync(string caseId, string start)
    {
        try
        {
            await ScheduleAsync(caseId, start, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The start stays recorded: the reconciler schedules it.
            LogStartLeft(logger, caseId, e.GetType().Name);
        }
    }

    /// <summary>Waits until a case this process has just made is scheduled: an event raised before would be dropped.</summary>
    private Task StartedAsync(string caseId) => _starting.WaitAsync(caseId);

    /// <summary>Tells running cases how far the app's clock has moved (a fake clock in tests): deadlines now due fire.</summary>
    public async Task<string> TickAsync(IEnumerable<string> caseIds, CancellationToken cancellationToken)
    {
        var tick = $"tick-{time.GetUtcNow().UtcTicks}-{Guid.NewGuid():N}";
        var payload = WorkflowJson.Write(new CaseDelivery(tick, null, ClockSkew));
        foreach (var caseId in caseIds)
        {
            await StartedAsync(caseId);
            await durable.Client.RaiseEventAsync(caseId, CaseOrchestration.MessageEvent, payload, cancellationToken);
        }

        return tick;
    }

    /// <summary>Schedules a case's orchestration; one that exists already is left as it is.</summary>
    internal async Task ScheduleAsync(string caseId, string start, CancellationToken cancellationToken)
    {
        try
        {
            await durable.Client.ScheduleNewOrchestrationInstanceAsync(CaseOrchestration.Name, start, new StartOrchestrationOptions(caseId), cancellationToken);
        }
        catch (Exception e) when (IsAlreadyExists(e))
        {
            // Scheduled before (a retried submission, or the reconciler and intake at once).
        }
    }

    internal static bool IsAlreadyExists(Exception e) =>
        e.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal)
        || (e is InvalidOperationException && e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The message's outcome, with the state it left when the apply activity ran in this process (null: read it); null
    /// when it is not applied within the apply wait.
    /// </summary>
    private async Task<(MessageMarker Marker, CaseState? State)?> WaitAppliedAsync(string caseId, string messageId, Task<AppliedOutcome> applied, CancellationToken cancellationToken)
    {
        // Real time, not the app's clock: how long a person waits for an answer. The signal comes from an activity in this
        // process, with the outcome and state it stored; where the activity ran elsewhere, the case's record is read every
        // second instead.
        var until = TimeProvider.System.GetUtcNow() + options.Value.ApplyWait;
        while (true)
        {
            var left = until - TimeProvider.System.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return await Store.MarkerAsync(caseId, messageId, cancellationToken) is { } last ? (last, null) : null;
            }

            if (await Task.WhenAny(applied, Task.Delay(left < PollEvery ? left : PollEvery, cancellationToken)) == applied)
            {
                var signalled = await applied;
                return (signalled.Marker, signalled.State);
            }

            if (await Store.MarkerAsync(caseId, messageId, cancellationToken) is { } marker)
            {
                return (marker, null);
            }
        }
    }

    private static CaseResult Answer(MessageMarker marker, CaseState state, bool duplicate) => marker.Outcome switch
    {
        MessageOutcome.Refused => new CaseResult(CaseOutcome.Rejected, state, marker.Reason),
        MessageOutcome.Ignored => new CaseResult(CaseOutcome.Ignored, state, marker.Reason),
        _ => new CaseResult(duplicate ? CaseOutcome.Duplicate : CaseOutcome.Applied, state),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId} received by {Channel}; its workflow is being scheduled")]
    private static partial void LogCreated(ILogger logger, string caseId, Channel channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: scheduling its workflow failed ({ErrorType}); the reconciler schedules it")]
    private static partial void LogStartLeft(ILogger logger, string caseId, string errorType);
}
