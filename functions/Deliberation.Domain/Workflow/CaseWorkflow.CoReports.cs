using Deliberation.Domain.Notifications;

namespace Deliberation.Domain.Workflow;

// Co-reports: more residents reporting the same matter, and splitting off one that was not.
public static partial class CaseWorkflow
{
    private static Decision OnCoReport(CaseState state, CoReport report, WorkflowContext context, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.CoReport, state.Status))
        {
            return NotAllowed(state, Transitions.CoReport);
        }

        // Joining changes no deadline; it raises the priority once enough residents share the matter.
        var count = state.ReporterCount + 1;
        var raised = !state.HighPriority && count >= context.Policy.HighPriorityReporters;
        // A resident who supported the case by 附议 and now reports it is one person: from supporter to reporter.
        var supporters = report.AlreadySupported ? Math.Max(0, state.Supporters - 1) : state.Supporters;
        var joined = state with { ReporterCount = count, Supporters = supporters, HighPriority = state.HighPriority || raised };
        IEnumerable<CaseEffect> Notices(CaseState next) =>
        [
            Notice(Audience.Reporter, NotificationTemplates.CaseJoined, next, ("reporterKey", report.ReporterKey)),
            .. raised ? [Notice(Audience.Unit, NotificationTemplates.CasePriorityRaised, next, ("reporters", count.ToString(System.Globalization.CultureInfo.InvariantCulture)))] : Array.Empty<CaseEffect>(),
        ];

        if (ReferOnSupport(joined, context, now, $"co-report via {report.Channel}; {count} reporters") is { } referred)
        {
            return referred with { Effects = [.. Notices(joined), .. referred.Effects] };
        }

        return Keep(joined, now, TimelineEvents.CoReported, $"来自{report.Channel.Chinese()}；共{count}位居民反映", isPublic: true, effects: Notices);
    }

    private static Decision OnSplit(CaseState state, SplitReport split, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Split, state.Status))
        {
            return NotAllowed(state, Transitions.Split);
        }

        if (state.ReporterCount <= 1)
        {
            return Decision.Reject("本案件没有可拆分的其他居民反映。");
        }

        // A co-reporter who had supported the case by 附议 goes back to being a supporter: their 附议 was for this case.
        var separated = state with { ReporterCount = state.ReporterCount - 1, Supporters = state.Supporters + (split.WasSupporter ? 1 : 0) };
        return Keep(separated, now, TimelineEvents.Split, "该居民反映与本案件不是同一事项", isPublic: false, actorId: split.Actor.UserId);
    }
}
