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
        var next = Advance(state, now) with { ReporterCount = count, Supporters = supporters, HighPriority = state.HighPriority || raised };
        List<CaseEffect> effects = [Notice(Audience.Reporter, "case-joined", next, ("reporterKey", report.ReporterKey))];
        if (raised)
        {
            effects.Add(Notice(Audience.Unit, "case-priority-raised", next, ("reporters", count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }

        if (ReferOnSupport(next, context, now, $"co-report via {report.Channel}; {count} reporters") is { } referred)
        {
            return referred with { Effects = [.. effects, .. referred.Effects] };
        }

        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "CoReported", next.Status, next.UnitId, null, $"via {report.Channel}; {count} reporters", Public: true),
            Effects = effects,
        };
    }

    private static Decision OnSplit(CaseState state, SplitReport split, DateTimeOffset now)
    {
        if (!Transitions.Allows(state.Status, Transitions.Split, state.Status))
        {
            return NotAllowed(state, Transitions.Split);
        }

        if (state.ReporterCount <= 1)
        {
            return Decision.Reject("The case has no co-report to split off.");
        }

        // A co-reporter who had supported the case by 附议 goes back to being a supporter: their 附议 was for this case.
        var next = Advance(state, now) with { ReporterCount = state.ReporterCount - 1, Supporters = state.Supporters + (split.WasSupporter ? 1 : 0) };
        return new Decision
        {
            NewState = next,
            Timeline = new(next.Version, now, "Split", next.Status, next.UnitId, split.Actor.UserId, "a co-report was not the same matter", Public: false),
        };
    }
}
