using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// One case from intake to close, as one orchestration (instance id = case number). In a loop it waits for the next
/// message (an external event) or the next deadline (a durable timer), asks the pure decider what follows, and has the
/// apply activity make the decision durable before anything else happens; texts go out as activities of their own, so
/// a failing text holds up nothing. No <c>ContinueAsNew</c>: a case's history is tens of events, and events can be lost
/// across it.
/// </summary>
/// <remarks>
/// Deterministic: the case's "now" is the instant each message carries (stamped at the edge) or a deadline's due
/// instant, never a clock read; the engine's clock only decides when a durable timer fires. The town (directory,
/// policy, calendars) is loaded before the engine starts and is the same on every replay.
/// </remarks>
public sealed partial class CaseOrchestration(TownState town) : TaskOrchestrator<string, string>
{
    public const string Name = "CaseOrchestration";

    /// <summary>The external event every message to a case is raised as.</summary>
    public const string MessageEvent = "case-message";

    /// <summary>Storing a decision is retried for a good while: nothing else of the case happens until it is stored.</summary>
    public static readonly RetryPolicy ApplyPolicy = new(
        maxNumberOfAttempts: 12, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5));

    /// <summary>A text is retried on its own, for hours (a provider outage), while the case goes on.</summary>
    public static readonly RetryPolicy NoticePolicy = new(
        maxNumberOfAttempts: 10, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(30));

    private static readonly TaskOptions ApplyRetry = TaskOptions.FromRetryPolicy(ApplyPolicy);

    private static readonly TaskOptions NoticeRetry = TaskOptions.FromRetryPolicy(NoticePolicy);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var start = WorkflowJson.Read<CaseStart>(input);
        var run = new Run(context, start.State, start.ClockSkew) { StateETag = start.StateETag };
        run.Applied.Add(start.MessageId);
        run.ShowBusy();
        var startNotices = NoticesOf(run.State, start.Effects, start.State.UpdatedAt);
        if (start.Combined)
        {
            // The start waits to be stored with the case's first decision of its own (routing): one activity, not two.
            run.Carry(start.Effects, [], null);
            run.HoldStart(start.MessageId, startNotices);
        }
        else
        {
            var started = await ApplyAsync(context, new CaseCommit(
                run.State.CaseId, start.MessageId, nameof(Submit), CommitKind.Start, run.State, null, null, Delivered: true, Notices: startNotices));
            run.Carry(start.Effects, startNotices, started.Unsent);
        }

        // One execution from intake to close, on purpose: events raised across ContinueAsNew can be lost, and a case's
        // history stays at tens of events.
        while (!run.IsDone)
        {
            if (run.Local.Count == 0 && run.HeldStart is { } alone)
            {
                // Nothing of its own left to decide with it: the start is stored by itself before the case waits.
                var started = await ApplyAsync(context, new CaseCommit(
                    run.State.CaseId, alone.MessageId, nameof(Submit), CommitKind.Start, run.State, null, null, Delivered: true, Notices: alone.Notices));
                run.ReleaseStart();
                run.Carry([], alone.Notices, started.Unsent);
            }

            var next = run.Local.Count > 0 ? run.Local.Dequeue() : await run.NextAsync();
            if (next is not ({ } message, var delivered))
            {
                continue;
            }

            // Between here and the next wait the case is busy; whoever watches its status must not think it idle.
            run.ShowBusy();
            var now = message.OccurredAt > run.State.UpdatedAt ? message.OccurredAt : run.State.UpdatedAt;
            // Authorisation again, against the state the action is applied to: the API checked the state it read.
            var decision = CaseWorkflow.NotAllowed(run.State, message, town.Context) is { } notAllowed
                ? Decision.Reject(notAllowed)
                : CaseWorkflow.Decide(run.State, message, town.Context, now);
            CaseApplied applied;
            if (decision.NewState is { } state)
            {
                var formerVillage = run.State.Village != state.Village ? run.State.Village : null;
                var notices = NoticesOf(state, decision.Effects, now);
                var held = run.HeldStart;
                if (held is not null)
                {
                    // The first decision of a combined start: the start's texts go first.
                    notices = [.. held.Notices, .. notices];
                }

                applied = await ApplyAsync(context, new CaseCommit(
                    state.CaseId, message.MessageId, message.GetType().Name, CommitKind.Applied, state, decision.Timeline, null, delivered, formerVillage, notices, held?.MessageId, run.StateETag));
                run.StateETag = applied.StateETag;
                if (!applied.Behind)
                {
                    run.ReleaseStart();
                    run.State = state;
                    run.Carry(decision.Effects, notices, applied.Unsent);
                }
            }
            else if (delivered)
            {
                // The sender is waiting to hear what became of its message, and its delivery record is to be cleared.
                var kind = decision.Rejection is not null ? CommitKind.Refused : CommitKind.Ignored;
                applied = await ApplyAsync(context, new CaseCommit(
                    run.State.CaseId, message.MessageId, message.GetType().Name, kind, run.State, null, decision.Rejection ?? decision.Ignored, delivered));
            }
            else
            {
                continue;
            }

            if (applied.Behind)
            {
                // The stored case is ahead of this history: an episode the engine lost had its decision stored. Its message
                // comes again (the engine deletes a message only after checkpointing); this one waits until then.
                run.Defer(message, delivered, applied.StoredVersion);
            }
            else
            {
                run.ResumeDeferred();
            }
        }

        return run.State.Status.ToString();
    }

    /// <summary>The decision's texts, with ids stable across replays and retries: the send-once log keys on them.</summary>
    private static List<NotificationRequest> NoticesOf(CaseState state, IReadOnlyList<CaseEffect> effects, DateTimeOffset now)
    {
        var notices = new List<NotificationRequest>();
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i] is Notify notify)
            {
                notices.Add(new NotificationRequest(
                    $"{state.CaseId}-outbox-{state.Version:D8}-{i:D3}", state.CaseId, notify.Audience, notify.Template, notify.UnitId, notify.Data, now));
            }
        }

        return notices;
    }

    private static async Task<CaseApplied> ApplyAsync(TaskOrchestrationContext context, CaseCommit commit)
    {
        var result = await context.CallActivityAsync<string>(ApplyCaseDecision.Name, WorkflowJson.Write(commit), ApplyRetry);

        // Histories recorded before the activity sent texts itself replay with its bare kind, each text then its own activity.
        return result.StartsWith('{') ? WorkflowJson.Read<CaseApplied>(result) : new CaseApplied(commit.Kind, Unsent: commit.Notices?.Select(n => n.Id).ToList());
    }

    /// <summary>The loop's working state; all of it is rebuilt the same way on every replay.</summary>
    private sealed class Run(TaskOrchestrationContext context, CaseState state, TimeSpan skew)
    {
        private readonly Dictionary<(DeadlineKind Kind, int Phase), ScheduleDeadline> _deadlines = [];
        private readonly List<Task> _notices = [];
        private readonly List<(CaseMessage Message, bool Delivered)> _deferred = [];
        private int _catchUpTo;
        private readonly ILogger _logger = context.CreateReplaySafeLogger<CaseOrchestration>();
        private Task<string>? _event;
        private Task? _timer;
        private DateTime _timerAt;
        private CancellationTokenSource? _timerCancel;
        private string? _tick;
        private TimeSpan _skew = skew;

        public CaseState State { get; set; } = state;

        /// <summary>The state row's ETag as the case's last commit left it, when known (from the engine's history, so replay-safe).</summary>
        public string? StateETag { get; set; }

        public HashSet<string> Applied { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// Messages handled before anything from outside: those the case sends itself (route after intake), and deferred
        /// ones once the case has caught up.
        /// </summary>
        public Queue<(CaseMessage Message, bool Delivered)> Local { get; } = new();

        /// <summary>A closed case with no text still going out has nothing left to wait for.</summary>
        public bool IsDone => State.Status == CaseStatus.Closed && _notices.Count == 0 && Local.Count == 0 && HeldStart is null;

        /// <summary>
        /// Takes up a stored decision's effects: messages to itself, deadlines, and the texts the apply activity could
        /// not send, each now an activity of its own with a long retry policy.
        /// </summary>
        public void Carry(IReadOnlyList<CaseEffect> effects, IReadOnlyList<NotificationRequest> notices, IReadOnlyList<string>? unsent)
        {
            foreach (var effect in effects)
            {
                switch (effect)
                {
                    case SendToSelf send:
                        Local.Enqueue((send.Message, false));
                        break;

                    case ScheduleDeadline deadline:
                        // A deadline set again for the same phase replaces the earlier one.
                        _deadlines[(deadline.Kind, deadline.Phase)] = deadline;
                        break;
                }
            }

            foreach (var notice in notices.Where(n => unsent?.Contains(n.Id) == true))
            {
                _notices.Add(context.CallActivityAsync(SendCaseNotification.Name, WorkflowJson.Write(notice), NoticeRetry));
            }
        }

        /// <summary>The start of a combined start, until it is stored (with the first decision, or by itself).</summary>
        public HeldStart? HeldStart { get; private set; }

        public void HoldStart(string messageId, List<NotificationRequest> notices) => HeldStart = new HeldStart(messageId, notices);

        public void ReleaseStart() => HeldStart = null;

        /// <summary>Sets a message aside until the case reaches the stored version it found.</summary>
        public void Defer(CaseMessage message, bool delivered, int storedVersion)
        {
            _deferred.Add((message, delivered));
            _catchUpTo = Math.Max(_catchUpTo, storedVersion);
        }

        /// <summary>Hands the messages set aside back once the case has caught up with its stored record.</summary>
        public void ResumeDeferred()
        {
            if (_deferred.Count == 0 || State.Version < _catchUpTo)
            {
                return;
            }

            foreach (var deferred in _deferred)
            {
                Local.Enqueue(deferred);
            }

            _deferred.Clear();
        }

        /// <summary>Says, in the status the engine keeps between episodes, that the case has work in hand.</summary>
        public void ShowBusy() => context.SetCustomStatus(new CaseRunStatus(false, _tick, State.Version));

        /// <summary>Waits for the next message from outside, the next deadline, or a text finishing; null when only the latter.</summary>
        public async Task<(CaseMessage Message, bool Delivered)?> NextAsync()
        {
            if (IsDone)
            {
                return null;
            }

            // One waiter at a time, never cancelled: a cancelled waiter would swallow the next event.
            _event ??= context.WaitForExternalEvent<string>(MessageEvent);
            var due = _deadlines.Values.OrderBy(d => d.DueAt).ThenBy(d => d.Kind).FirstOrDefault();
            ArmTimer(due);
            var idle = _notices.Count == 0 && (_timer is null || _timerAt > context.CurrentUtcDateTime);
            context.SetCustomStatus(new CaseRunStatus(idle, _tick, State.Version));

            var waiting = new List<Task>(_notices.Count + 2) { _event };
            if (_timer is not null)
            {
                waiting.Add(_timer);
            }

            waiting.AddRange(_notices);
            var winner = await Task.WhenAny(waiting);
            if (winner == _event)
            {
                var delivery = WorkflowJson.Read<CaseDelivery>(await _event);
                _event = null;
                _skew = delivery.ClockSkew;
                if (delivery.Message is not { } message)
                {
                    _tick = delivery.DeliveryId;
                    return null;
                }

                // Delivery is at least once: a message seen before is dropped here.
                return Applied.Add(message.MessageId) ? (message, true) : null;
            }

            if (winner == _timer && due is not null)
            {
                _timer = null;
                _deadlines.Remove((due.Kind, due.Phase));
                var fired = new DeadlineDue(DeadlineDue.IdFor(due.Kind, due.Phase), due.DueAt, due.Kind, due.Phase, due.DueAt);
                return Applied.Add(fired.MessageId) ? (fired, false) : null;
            }

            foreach (var notice in _notices.Where(n => n.IsCompleted).ToList())
            {
                _notices.Remove(notice);
                if (notice.Exception is { } failed)
                {
#pragma warning disable DURABLE0010 // _logger is the context's replay-safe logger, made when the run began.
                    LogNoticeFailed(_logger, State.CaseId, failed.InnerException?.GetType().Name ?? failed.GetType().Name);
#pragma warning restore DURABLE0010
                }
            }

            return null;
        }

        /// <summary>One durable timer, for the earliest deadline, at the engine's instant for it.</summary>
        private void ArmTimer(ScheduleDeadline? due)
        {
            if (due is null)
            {
                _timerCancel?.Cancel();
                _timer = null;
                return;
            }

            var fireAt = (due.DueAt - _skew).UtcDateTime;
            if (_timer is not null && fireAt == _timerAt)
            {
                return;
            }

            _timerCancel?.Cancel();
            _timerCancel = new CancellationTokenSource();
            _timerAt = fireAt;
            _timer = context.CreateTimer(fireAt, _timerCancel.Token);
        }
    }

    /// <summary>A start not yet stored: its message (its delivery record to clear) and its texts.</summary>
    private sealed record HeldStart(string MessageId, List<NotificationRequest> Notices);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: a text failed after every retry ({ErrorType})")]
    private static partial void LogNoticeFailed(ILogger logger, string caseId, string errorType);
}
