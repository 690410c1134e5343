using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage.Meetings;

/// <summary>How a meeting's message reaches its case (the case runtime; tests put a failing one in front).</summary>
public interface ICaseMessenger
{
    Task<CaseResult> SendAsync(string caseId, CaseMessage message, CancellationToken cancellationToken);
}

public sealed class RuntimeCaseMessenger(ICaseRuntime runtime) : ICaseMessenger
{
    public Task<CaseResult> SendAsync(string caseId, CaseMessage message, CancellationToken cancellationToken) =>
        runtime.HandleAsync(caseId, message, cancellationToken);
}

/// <summary>
/// Delivers the case messages a meeting change stored with it, then clears them (ETag checked). Every message
/// id is deterministic and cases apply a message id once, so a delivery repeated after a crash, or by the
/// recovery pass of the sweep racing a live request, changes each case once. A case that refuses a message
/// (it moved on) is recorded on the item for staff to see.
/// </summary>
public sealed partial class MeetingOutbox(
    MeetingStore store,
    ICaseMessenger cases,
    TimeProvider time,
    IOptions<RuntimeOptions> options,
    ILogger<MeetingOutbox> logger)
{
    /// <summary>Delivers what <paramref name="record"/> has pending, in order; returns the record as it is afterwards.</summary>
    public async Task<MeetingRecord> DeliverAsync(MeetingRecord record, CancellationToken cancellationToken)
    {
        if (record.Pending.Count == 0)
        {
            return record;
        }

        var meeting = record.Meeting;
        var delivered = new List<(PendingCaseMessage Pending, CaseResult Result)>();
        foreach (var pending in record.Pending)
        {
            try
            {
                delivered.Add((pending, await cases.SendAsync(pending.CaseId, pending.Message, cancellationToken)));
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                // Later messages may concern the same case: keep the order and leave the rest to the recovery pass.
                LogDeliveryFailed(logger, meeting.MeetingId, pending.CaseId, pending.Message.GetType().Name, e.GetType().Name, e.Message);
                break;
            }
        }

        if (delivered.Count == 0)
        {
            return record;
        }

        var now = time.GetUtcNow();
        var updated = await store.UpdateAsync(meeting.CommitteeId, meeting.MeetingId, fresh => Clear(fresh, delivered, now), cancellationToken);
        return updated ?? record;
    }

    /// <summary>The sweep's pass: delivers messages of meetings left pending longer than the outbox recovery delay.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.OutboxRecoveryDelay;
        var recovered = 0;
        foreach (var (committee, meetingId) in await store.WithPendingAsync(before, options.Value.SweepBatch, cancellationToken))
        {
            if (await store.GetAsync(committee, meetingId, cancellationToken) is { } loaded)
            {
                var after = await DeliverAsync(loaded.Record, cancellationToken);
                recovered += loaded.Record.Pending.Count - after.Pending.Count;
                LogRecovered(logger, meetingId, loaded.Record.Pending.Count - after.Pending.Count, after.Pending.Count);
            }
        }

        return recovered;
    }

    /// <summary>Removes the delivered messages still pending in <paramref name="fresh"/> and notes on each item what its case did.</summary>
    private MeetingRecord? Clear(MeetingRecord fresh, IReadOnlyList<(PendingCaseMessage Pending, CaseResult Result)> delivered, DateTimeOffset now)
    {
        var stillPending = fresh.Pending.Select(p => p.Message.MessageId).ToHashSet(StringComparer.Ordinal);
        var done = delivered.Where(d => stillPending.Contains(d.Pending.Message.MessageId)).ToList();
        if (done.Count == 0)
        {
            return null;
        }

        var meeting = fresh.Meeting;
        foreach (var (pending, result) in done)
        {
            if (result.Outcome is CaseOutcome.Rejected or CaseOutcome.NotFound)
            {
                LogRefused(logger, meeting.MeetingId, pending.CaseId, pending.Message.GetType().Name);
                meeting = meeting.CaseRefused(pending.ItemId, pending.Message, result.Reason ?? result.Outcome.ToString(), now);
            }
            else
            {
                meeting = meeting.CaseAccepted(pending.ItemId, pending.Message, now);
            }
        }

        var ids = done.Select(d => d.Pending.Message.MessageId).ToHashSet(StringComparer.Ordinal);
        return fresh with { Meeting = meeting, Pending = fresh.Pending.Where(p => !ids.Contains(p.Message.MessageId)).ToList() };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Meeting {MeetingId}: {Message} for case {CaseId} not delivered, left for the sweep: {ErrorType}: {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string meetingId, string caseId, string message, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: case {CaseId} refused {Message}")]
    private static partial void LogRefused(ILogger logger, string meetingId, string caseId, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Meeting {MeetingId}: the sweep delivered {Delivered} case messages, {Left} still pending")]
    private static partial void LogRecovered(ILogger logger, string meetingId, int delivered, int left);
}
