using System.Text.Json;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Timers;

namespace Deliberation.Storage.Cases;

/// <summary>
/// Carries out one committed effect. Every effect may be carried out more than once (a crash
/// between doing it and deleting the outbox row), so each one lands idempotently: timers are
/// upserts, queue messages carry ids their consumers dedupe on, projections are version-checked.
/// </summary>
public sealed class OutboxSender(StorageClients clients, CaseProjections projections, TimeProvider time)
{
    /// <summary>Queue messages cannot be hidden longer than 7 days; longer timers are re-armed on arrival.</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1);

    private readonly TimerIndex _timers = new(clients.Timers);

    public async Task SendAsync(string caseId, OutboxItem item, CaseState? state, CancellationToken cancellationToken)
    {
        switch (item.Effect)
        {
            case null:
                await projections.RefreshAsync(caseId, state, cancellationToken);
                break;

            case ScheduleDeadline deadline:
                await _timers.AddDeadlineAsync(caseId, deadline.Kind, deadline.Phase, deadline.DueAt, cancellationToken);
                var due = new DeadlineDue(DeadlineDue.IdFor(deadline.Kind, deadline.Phase), time.GetUtcNow(), deadline.Kind, deadline.Phase, deadline.DueAt);
                await SendCaseMessageAsync(new CaseEnvelope(caseId, due), deadline.DueAt - time.GetUtcNow(), cancellationToken);
                break;

            case SendToSelf send:
                await SendCaseMessageAsync(new CaseEnvelope(caseId, send.Message), TimeSpan.Zero, cancellationToken);
                break;

            case Notify notify:
                // The outbox row key is unique per effect and stable across retries: the notification's id.
                var request = new NotificationRequest($"{caseId}-{item.RowKey.Replace('|', '-')}", caseId, notify.Audience, notify.Template, notify.UnitId, notify.Data, time.GetUtcNow());
                await clients.Notifications.SendMessageAsync(JsonSerializer.Serialize(request, StorageJson.Store.NotificationRequest), cancellationToken);
                break;

            default:
                throw new InvalidOperationException($"Unknown effect {item.Effect.GetType().Name}.");
        }
    }

    public async Task SendCaseMessageAsync(CaseEnvelope envelope, TimeSpan delay, CancellationToken cancellationToken)
    {
        var visibility = delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxVisibilityDelay ? MaxVisibilityDelay : delay;
        // Never expire: a message hidden for days must still be there when it becomes visible.
        await clients.CaseEvents.SendMessageAsync(JsonSerializer.Serialize(envelope, StorageJson.Store.CaseEnvelope), visibility, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken);
    }
}
