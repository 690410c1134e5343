using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Projections;
using Deliberation.Workflow.Delivery;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// Makes one decision of a case durable: its state, timeline row and the id of the message it applied, in one table
/// transaction; then the read models; then clears the message's delivery record and tells whoever waits for it; then
/// sends the decision's texts, each waited for at most <see cref="WorkflowOptions.InlineSendLimit"/>: one activity per
/// decision in the common case, while a text that fails is handed back to go out on its own, retried, holding nothing
/// up. A text that is slow is not cancelled (the provider may already have it): it finishes by itself and records
/// itself sent, and its own activity then finds it sent instead of texting the resident twice.
/// It may run twice: the recorded message id makes the second run change nothing but the read models, which never go
/// backwards. It may also run for an episode the engine then lost (DurableTask.AzureStorage sends an episode's
/// activities before it checkpoints the episode), leaving the stored case ahead of the orchestration: the next decision
/// then finds the case newer than the state it was made on, stores nothing and answers "behind".
/// </summary>
public sealed partial class ApplyCaseDecision(
    StorageClients clients,
    CaseProjections projections,
    DeliveryLog deliveries,
    AppliedSignals signals,
    INotificationSender sender,
    SendsInFlight inFlight,
    Microsoft.Extensions.Options.IOptions<WorkflowOptions> options,
    ILogger<ApplyCaseDecision> logger)
    : TaskActivity<string, string>
{
    public const string Name = "ApplyCaseDecision";

    private readonly CaseStore _cases = new(clients.Cases);

    /// <summary>
    /// Within this long of taking the work item, a run that has just written the decision itself replaces the read
    /// models without reading them first: no newer decision of the case can be stored before this one completes, and a
    /// second run of it can only start once the engine's work-item visibility timeout (20 s at the least, minutes by
    /// default) has passed. Later than this, or on a second run, each row is read and replaced only if older.
    /// </summary>
    public static readonly TimeSpan SoleWriterWindow = TimeSpan.FromSeconds(5);

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var commit = WorkflowJson.Read<CaseCommit>(input);
        using var activity = WorkflowTelemetry.Source.StartActivity("apply decision");
        activity?.SetTag(WorkflowTelemetry.Tags.CaseId, commit.CaseId);
        activity?.SetTag(WorkflowTelemetry.Tags.Outcome, commit.Kind.ToString().ToLowerInvariant());
        activity?.SetTag(WorkflowTelemetry.Tags.Message, commit.MessageType);
        activity?.SetTag(WorkflowTelemetry.Tags.Event, commit.Timeline?.Event);
        var cancellationToken = CancellationToken.None;
        var stored = CommitResult.Stored;
        switch (commit.Kind)
        {
            case CommitKind.Applied:
                stored = await _cases.CommitAppliedAsync(commit.State, commit.Timeline, commit.MessageId, cancellationToken, commit.StateETag);
                if (!stored.Behind)
                {
                    var sole = stored.Fresh && System.Diagnostics.Stopwatch.GetElapsedTime(started) < SoleWriterWindow;
                    await projections.RefreshAsync(commit.CaseId, commit.State, cancellationToken, commit.FormerVillage, sole);
                }

                break;

            case CommitKind.Start:
                await projections.RefreshAsync(commit.CaseId, commit.State, cancellationToken);
                break;

            case CommitKind.Refused or CommitKind.Ignored:
                stored = await _cases.RecordNotAppliedAsync(commit.State, commit.MessageId, commit.MessageType, commit.Kind == CommitKind.Refused, commit.Reason, cancellationToken);
                break;
        }

        if (stored.Behind)
        {
            // The message stays recorded for delivery, and its sender waits: the case decides it again once caught up.
            return WorkflowJson.Write(new CaseApplied(commit.Kind, Behind: true, stored.StoredVersion));
        }

        if (commit.Delivered)
        {
            await deliveries.ClearAsync(commit.CaseId, commit.MessageId, cancellationToken);
        }

        if (commit.StartMessageId is { } startedBy)
        {
            await deliveries.ClearAsync(commit.CaseId, startedBy, cancellationToken);
        }

        // The outcome as stored: a waiting request answers with it instead of reading the case again.
        var outcome = commit.Kind switch
        {
            CommitKind.Refused => MessageOutcome.Refused,
            CommitKind.Ignored => MessageOutcome.Ignored,
            _ => MessageOutcome.Applied,
        };
        // Counted once stored; a rerun of this activity (at least once) may count a decision again.
        if (commit.StartMessageId is not null)
        {
            // A combined start: the case's start is counted as its own decision, as when it is stored by itself.
            WorkflowTelemetry.Decided(nameof(CommitKind.Start).ToLowerInvariant(), nameof(Domain.Workflow.Submit), null);
        }

        WorkflowTelemetry.Decided(commit.Kind.ToString().ToLowerInvariant(), commit.MessageType, commit.Timeline);
        signals.Signal(commit.CaseId, commit.MessageId, new AppliedOutcome(new MessageMarker(outcome, commit.State.Version, commit.Reason), commit.State));
        return WorkflowJson.Write(new CaseApplied(commit.Kind, Unsent: await SendNoticesAsync(commit), StateETag: stored.StateETag));
    }

    /// <summary>Sends each notice once; returns the ids of those that failed or are still being sent (null when none).</summary>
    private async Task<IReadOnlyList<string>?> SendNoticesAsync(CaseCommit commit)
    {
        List<string>? unsent = null;
        foreach (var notice in commit.Notices ?? [])
        {
            // The send may take up to half the send-once claim's life: its claim holds off every other sender meanwhile.
            var budget = new CancellationTokenSource(SendOnceLog.ClaimTimeout / 2);
            var sending = sender.SendAsync(notice, commit.State, budget.Token);
            _ = sending.ContinueWith(
                static (done, state) =>
                {
                    _ = done.Exception;
                    ((CancellationTokenSource)state!).Dispose();
                },
                budget,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            try
            {
                await sending.WaitAsync(options.Value.InlineSendLimit);
            }
            catch (TimeoutException)
            {
                inFlight.Add(notice.Id, sending);
                LogStillSending(logger, commit.CaseId, notice.Template, options.Value.InlineSendLimit.TotalSeconds);
                (unsent ??= []).Add(notice.Id);
            }
            catch (Exception e)
            {
                // The send-once log keeps whatever got out from going out again when the notice is retried.
                LogUnsent(logger, commit.CaseId, notice.Template, e.GetType().Name);
                (unsent ??= []).Add(notice.Id);
            }
        }

        return unsent;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Template} still being sent after {Seconds} s; the case goes on, and the text finishes by itself")]
    private static partial void LogStillSending(ILogger logger, string caseId, string template, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: {Template} not sent at once ({ErrorType}); it goes out on its own, retried")]
    private static partial void LogUnsent(ILogger logger, string caseId, string template, string errorType);
}
