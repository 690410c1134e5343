using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Projections;
using Deliberation.Workflow.Delivery;
using Microsoft.DurableTask;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// Makes one decision of a case durable: its state, timeline row and the id of the message it applied, in one table
/// transaction; then the read models; then clears the message's delivery record and tells whoever waits for it.
/// It may run twice: the recorded message id makes the second run change nothing but the read models, which never go
/// backwards.
/// </summary>
public sealed class ApplyCaseDecision(StorageClients clients, CaseProjections projections, DeliveryLog deliveries, AppliedSignals signals)
    : TaskActivity<string, string>
{
    public const string Name = "ApplyCaseDecision";

    private readonly CaseStore _cases = new(clients.Cases);

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var commit = WorkflowJson.Read<CaseCommit>(input);
        using var activity = WorkflowTelemetry.Source.StartActivity("apply decision");
        activity?.SetTag(WorkflowTelemetry.Tags.CaseId, commit.CaseId);
        activity?.SetTag(WorkflowTelemetry.Tags.Outcome, commit.Kind.ToString().ToLowerInvariant());
        activity?.SetTag(WorkflowTelemetry.Tags.Message, commit.MessageType);
        activity?.SetTag(WorkflowTelemetry.Tags.Event, commit.Timeline?.Event);
        var cancellationToken = CancellationToken.None;
        switch (commit.Kind)
        {
            case CommitKind.Applied:
                await _cases.CommitAppliedAsync(commit.State, commit.Timeline, commit.MessageId, cancellationToken);
                await projections.RefreshAsync(commit.CaseId, commit.State, cancellationToken, commit.FormerVillage);
                break;

            case CommitKind.Start:
                await projections.RefreshAsync(commit.CaseId, commit.State, cancellationToken);
                break;

            case CommitKind.Refused or CommitKind.Ignored:
                await _cases.RecordNotAppliedAsync(commit.State, commit.MessageId, commit.MessageType, commit.Kind == CommitKind.Refused, commit.Reason, cancellationToken);
                break;
        }

        if (commit.Delivered)
        {
            await deliveries.ClearAsync(commit.CaseId, commit.MessageId, cancellationToken);
        }

        // The outcome as stored: a waiting request answers with it instead of reading the case again.
        var outcome = commit.Kind switch
        {
            CommitKind.Refused => MessageOutcome.Refused,
            CommitKind.Ignored => MessageOutcome.Ignored,
            _ => MessageOutcome.Applied,
        };
        // Counted once stored; a rerun of this activity (at least once) may count a decision again.
        WorkflowTelemetry.Decided(commit.Kind.ToString().ToLowerInvariant(), commit.MessageType, commit.Timeline);
        signals.Signal(commit.CaseId, commit.MessageId, new AppliedOutcome(new MessageMarker(outcome, commit.State.Version, commit.Reason), commit.State));
        return commit.Kind.ToString().ToLowerInvariant();
    }
}
