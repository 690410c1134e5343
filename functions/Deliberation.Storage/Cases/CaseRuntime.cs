using Azure.Data.Tables;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Timers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
}

public sealed record CaseResult(CaseOutcome Outcome, CaseState? State, string? Reason = null);

/// <summary>
/// Runs the decider durably: load the case, decide, commit state + outbox in one transaction
/// (ETag checked, message id recorded), then carry out the outbox. Safe to run in many processes at once.
/// </summary>
public sealed partial class CaseRuntime(
    StorageClients clients,
    TownState town,
    OutboxSender outbox,
    TimeProvider time,
    IOptions<RuntimeOptions> options,
    ILogger<CaseRuntime> logger)
{
    private const int MaxAttempts = 12;
    private readonly CaseStore _store = new(clients.Cases);
    private readonly TimerIndex _timers = new(clients.Timers);

    public CaseStore Store => _store;

    public async Task<CaseResult> CreateAsync(string caseId, Submit submit, Residents.StoredReporter reporter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var decision = CaseWorkflow.Start(caseId, submit, town.Context, now);
        if (decision.NewState is not { } state)
        {
            return new CaseResult(CaseOutcome.Rejected, null, decision.Rejection);
        }

        var check = await _timers.AddOutboxCheckAsync(caseId, state.Version, now + options.Value.OutboxRecoveryDelay, cancellationToken);
        try
        {
            var items = await _store.CommitAsync(state, null, decision.Timeline, submit.MessageId, decision.Effects, reporter, cancellationToken);
            await SendOutboxAsync(caseId, items, state, check, cancellationToken);
            LogApplied(logger, caseId, "Submit", state.Status, state.Version);
            return new CaseResult(CaseOutcome.Created, state);
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // The same submission was stored by a concurrent copy: one case, not two.
            var existing = await _store.GetStateAsync(caseId, cancellationToken);
            return new CaseResult(CaseOutcome.Duplicate, existing?.State);
        }
    }

    public Task<CaseResult> HandleAsync(string caseId, CaseMessage message, CancellationToken cancellationToken) =>
        HandleAsync(caseId, message, sendOutbox: true, cancellationToken);

    /// <summary><paramref name="sendOutbox"/> false commits without sending, as a crash right after the commit would.</summary>
    internal async Task<CaseResult> HandleAsync(string caseId, CaseMessage message, bool sendOutbox, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = await _store.LoadAsync(caseId, message.MessageId, cancellationToken);
            if (loaded is null)
            {
                return new CaseResult(CaseOutcome.NotFound, null, $"No case {caseId}.");
            }

            if (loaded.MessageApplied)
            {
                await SendOutboxAsync(caseId, loaded.Outbox, null, null, cancellationToken);
                return new CaseResult(CaseOutcome.Duplicate, loaded.State);
            }

            var now = time.GetUtcNow();
            var decision = CaseWorkflow.Decide(loaded.State, message, town.Context, now);
            if (decision.Rejection is not null)
            {
                return new CaseResult(CaseOutcome.Rejected, loaded.State, decision.Rejection);
            }

            if (decision.NewState is not { } state)
            {
                LogIgnored(logger, caseId, message.GetType().Name, decision.Ignored);
                await SendOutboxAsync(caseId, loaded.Outbox, null, null, cancellationToken);
                return new CaseResult(CaseOutcome.Ignored, loaded.State, decision.Ignored);
            }

            var check = await _timers.AddOutboxCheckAsync(caseId, state.Version, now + options.Value.OutboxRecoveryDelay, cancellationToken);
            IReadOnlyList<OutboxItem> items;
            try
            {
                items = await _store.CommitAsync(state, loaded.ETag, decision.Timeline, message.MessageId, decision.Effects, null, cancellationToken);
            }
            catch (TableTransactionFailedException e) when ((e.Status is 409 or 412) && attempt < MaxAttempts)
            {
                // Someone else changed the case (or applied this message) first: decide again on fresh state.
                LogConflict(logger, caseId, message.GetType().Name, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
                continue;
            }

            LogApplied(logger, caseId, message.GetType().Name, state.Status, state.Version);
            if (sendOutbox)
            {
                await SendOutboxAsync(caseId, [.. loaded.Outbox, .. items], state, check, cancellationToken);
            }

            return new CaseResult(CaseOutcome.Applied, state);
        }
    }

    /// <summary>Carries out whatever the case's outbox still holds (crash recovery, called by the sweep).</summary>
    public async Task FlushOutboxAsync(string caseId, CancellationToken cancellationToken)
    {
        var pending = await _store.PendingOutboxAsync(caseId, cancellationToken);
        await SendOutboxAsync(caseId, pending, null, null, cancellationToken);
    }

    private async Task SendOutboxAsync(string caseId, IReadOnlyList<OutboxItem> items, CaseState? state, TimerRow? check, CancellationToken cancellationToken)
    {
        foreach (var item in items.OrderBy(i => i.RowKey, StringComparer.Ordinal))
        {
            await outbox.SendAsync(caseId, item, state, cancellationToken);
            await _store.DeleteOutboxAsync(caseId, item.RowKey, cancellationToken);
        }

        if (check is not null)
        {
            await _timers.DeleteAsync(check.PartitionKey, check.RowKey, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {CaseId}: {Message} applied, now {Status} v{Version}")]
    private static partial void LogApplied(ILogger logger, string caseId, string message, CaseStatus status, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId}: {Message} ignored: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string caseId, string message, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {CaseId}: {Message} conflicted on attempt {Attempt}; retrying")]
    private static partial void LogConflict(ILogger logger, string caseId, string message, int attempt);
}
