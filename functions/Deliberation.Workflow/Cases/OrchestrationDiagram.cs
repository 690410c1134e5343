using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using Deliberation.Domain.Workflow;
using Microsoft.DurableTask;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// Draws the case orchestration for WorkflowDocs from the code itself: the messages that arrive as its event (the
/// decider's message types), the deadlines it waits on as durable timers, the activities it calls with their retry
/// policies, and what each effect of a decision becomes.
/// </summary>
public static class OrchestrationDiagram
{
    public static string Render()
    {
        var text = new StringBuilder();
        text.Append("# The case orchestration\n\n");
        text.Append("> Generated from the code (`Deliberation.Workflow.Cases.OrchestrationDiagram`); do not edit by hand, run `./dev docs`.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Each case is one durable orchestration, `{CaseOrchestration.Name}`, whose instance id is the case number. It runs from\n");
        text.Append("intake to close in one execution (no `ContinueAsNew`: events raised across it can be lost). The same classes run under the\n");
        text.Append("Azure Functions isolated worker (Durable Functions) and in the standalone host (DurableTask.Core on Azure Storage).\n");
        text.Append("What the decider does with each message is on [case-lifecycle.md](case-lifecycle.md); this page is how the engine carries it.\n\n");

        text.Append("```mermaid\nflowchart TD\n");
        text.Append("    intake([intake stores the case and schedules the orchestration]) --> start[");
        text.Append(CultureInfo.InvariantCulture, $"{ApplyCaseDecision.Name}: start, stored with the case's first own decision, routing, when it makes one]\n");
        text.Append("    start --> effects{the decision's effects}\n");
        text.Append("    effects -- SendToSelf --> local[(the case's own queue: route after intake)]\n");
        text.Append("    effects -- ScheduleDeadline --> book[(its deadlines, one per kind and phase)]\n");
        text.Append(CultureInfo.InvariantCulture, $"    effects -- \"Notify, not sent by the apply activity\" --> notice[[{SendCaseNotification.Name}: one per notice, not awaited]]\n");
        text.Append("    local --> decide\n");
        text.Append("    book --> wait\n");
        text.Append("    effects --> wait{{wait for whichever comes first}}\n");
        text.Append(CultureInfo.InvariantCulture, $"    wait -- \"event '{CaseOrchestration.MessageEvent}'\" --> seen{{message id seen before?}}\n");
        text.Append("    seen -- yes: dropped --> wait\n");
        text.Append("    seen -- no --> decide\n");
        text.Append("    wait -- \"durable timer of the earliest deadline\" --> decide\n");
        text.Append("    wait -- \"a clock tick (tests)\" --> wait\n");
        text.Append("    decide[\"Decide(state, message, now)\"] -- applies --> apply[");
        text.Append(CultureInfo.InvariantCulture, $"{ApplyCaseDecision.Name}: state, timeline, message id]\n");
        text.Append("    decide -- refused or ignored, sent from outside --> record[");
        text.Append(CultureInfo.InvariantCulture, $"{ApplyCaseDecision.Name}: refused / ignored]\n");
        text.Append("    decide -- a stale deadline --> wait\n");
        text.Append("    apply --> effects\n");
        text.Append("    record --> wait\n");
        text.Append("    wait -- \"closed, no text outstanding\" --> done([completed])\n");
        text.Append("```\n\n");

        text.Append(CultureInfo.InvariantCulture, $"## Messages: the event `{CaseOrchestration.MessageEvent}`\n\n");
        text.Append("Every message to a case is recorded in the `deliveries` table before it is raised, and cleared once the case has\n");
        text.Append("applied (or refused) it. A reconciler raises again what stays longer than `Workflow:RedeliverAfter`, and starts a case\n");
        text.Append("whose orchestration never started; the case drops a message id it has seen. The payload is a `CaseDelivery`: the message,\n");
        text.Append("and the sender's clock skew (zero in production; a test's fake clock moves it).\n\n");
        text.Append("| message | sent by |\n|---|---|\n");
        foreach (var (type, id) in MessageTypes())
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{type.Name}` (`{id}`) | {SentBy(type)} |\n");
        }

        text.Append("\n## Timers: the deadlines\n\n");
        text.Append("A `ScheduleDeadline` effect books a deadline (a new one for the same kind and phase replaces the earlier). The\n");
        text.Append("orchestration keeps one durable timer, for the earliest; when it fires, the decider gets a `DeadlineDue` with the\n");
        text.Append("deadline's due instant as its now, and ignores it when the case has moved on. Timers longer than the engine's longest\n");
        text.Append("(three days) are chained by the Durable Task SDK.\n\n");
        text.Append("| deadline kind |\n|---|\n");
        foreach (var kind in Enum.GetValues<DeadlineKind>())
        {
            text.Append(CultureInfo.InvariantCulture, $"| `{kind}` |\n");
        }

        text.Append("\n## Activities\n\n");
        text.Append("| activity | what it does | retry policy |\n|---|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{ApplyCaseDecision.Name}` | stores the decision (state, timeline row, the message's id and outcome) in one table transaction on the state it was made on (else answers \"behind\": the case waits for the message the engine lost), refreshes the read models, clears the delivery record and tells a waiting request, then tries each of the decision's texts once; awaited before anything else happens | {Describe(CaseOrchestration.ApplyPolicy)} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| `{SendCaseNotification.Name}` | sends one notice the apply activity could not send at once to its audience (reporters, unit, followers, unit head, the town's alert); each recipient's text once, whatever the retries (the send-once log) | {Describe(CaseOrchestration.NoticePolicy)} |\n");
        text.Append("\nEvery activity may run more than once (a crash between its work and the engine's record of it), so each is idempotent.\n\n");

        text.Append("## Registered\n\nBoth hosts register exactly these (`WorkflowRegistry`):\n\n");
        foreach (var name in WorkflowRegistry.Orchestrations.Keys.Concat(WorkflowRegistry.Activities.Keys))
        {
            text.Append(CultureInfo.InvariantCulture, $"- `{name}`\n");
        }

        return text.ToString();
    }

    private static IEnumerable<(Type Type, string Id)> MessageTypes() =>
        typeof(CaseMessage).GetCustomAttributes<JsonDerivedTypeAttribute>()
            .Select(a => (a.DerivedType, a.TypeDiscriminator?.ToString() ?? a.DerivedType.Name))
            .Where(m => m.DerivedType != typeof(Submit) && m.DerivedType != typeof(DeadlineDue));

    private static string SentBy(Type type) => type.Name switch
    {
        nameof(Route) => "the case itself, after intake",
        nameof(CoReport) or nameof(AddAttachment) => "intake (another report of the matter; a location or picture)",
        nameof(Support) or nameof(RaiseObjection) or nameof(Rate) => "residents (SMS, WeChat, the public page)",
        nameof(ScheduleForMeeting) or nameof(MeetingCancelled) or nameof(DeliberationDecided) => "a committee's meeting",
        nameof(Supervise) or nameof(Whistle) => "representatives and staff",
        nameof(Reopen) => "the dispatch centre, through the API",
        _ => "staff, through the API",
    };

    private static string Describe(RetryPolicy policy) => string.Create(
        CultureInfo.InvariantCulture,
        $"{policy.MaxNumberOfAttempts} attempts, first retry after {policy.FirstRetryInterval.TotalSeconds:0} s, ×{policy.BackoffCoefficient:0.#} each time, at most {policy.MaxRetryInterval.TotalMinutes:0} min apart");
}
