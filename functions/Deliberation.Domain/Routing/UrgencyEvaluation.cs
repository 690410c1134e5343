using System.Globalization;
using System.Text;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Routing;

/// <summary>One labelled text: <paramref name="Label"/> starts with "emergency" for present danger (e.g. emergency-gas, not-drill).</summary>
public sealed record UrgencyExample(string Label, string Text)
{
    public bool IsEmergency => Label.StartsWith("emergency", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the detector said about one labelled text.</summary>
public sealed record UrgencyOutcome(UrgencyExample Example, UrgencyAssessment Assessment)
{
    /// <summary>Raised an alarm: an emergency, or a possible emergency at the dispatch centre.</summary>
    public bool Flagged => Assessment.Urgency.IsUrgent();
}

/// <summary>
/// Recall and precision of <see cref="UrgencyDetector"/> for emergencies on a labelled set. A possible emergency counts
/// as caught (it goes to the dispatch centre on the emergency's clock, with an alert) and, on a look-alike, as a false alarm.
/// </summary>
public sealed record UrgencyEvaluation(IReadOnlyList<UrgencyOutcome> Outcomes)
{
    public static UrgencyEvaluation Run(IEnumerable<UrgencyExample> examples, IEnumerable<string> townWords)
    {
        var words = townWords.ToList();
        return new([.. examples.Select(e => new UrgencyOutcome(e, UrgencyDetector.Assess(e.Text, words)))]);
    }

    public int Emergencies => Outcomes.Count(o => o.Example.IsEmergency);

    public int LookAlikes => Outcomes.Count - Emergencies;

    public int CaughtAsEmergency => Outcomes.Count(o => o.Example.IsEmergency && o.Assessment.Urgency == Urgency.Emergency);

    public int CaughtAsPossible => Outcomes.Count(o => o.Example.IsEmergency && o.Assessment.Urgency == Urgency.PossibleEmergency);

    public IReadOnlyList<UrgencyOutcome> Missed => [.. Outcomes.Where(o => o.Example.IsEmergency && !o.Flagged)];

    public IReadOnlyList<UrgencyOutcome> FalseAlarms => [.. Outcomes.Where(o => !o.Example.IsEmergency && o.Flagged)];

    public double Recall => Emergencies == 0 ? 1 : (double)(CaughtAsEmergency + CaughtAsPossible) / Emergencies;

    public double Precision
    {
        get
        {
            var flagged = Outcomes.Count(o => o.Flagged);
            return flagged == 0 ? 1 : (double)(CaughtAsEmergency + CaughtAsPossible) / flagged;
        }
    }

    /// <summary>Precision counting only confident alarms (possible emergencies left out on both sides).</summary>
    public double EmergencyOnlyPrecision
    {
        get
        {
            var confident = Outcomes.Count(o => o.Assessment.Urgency == Urgency.Emergency);
            return confident == 0 ? 1 : (double)CaughtAsEmergency / confident;
        }
    }

    /// <summary>The report ./dev classifier urgency-eval prints.</summary>
    public string Report()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"texts: {Outcomes.Count} ({Emergencies} emergencies, {LookAlikes} look-alikes)");
        text.AppendLine(c, $"recall (emergencies caught, possible emergency counts): {Recall:F2} ({CaughtAsEmergency} emergency + {CaughtAsPossible} possible of {Emergencies})");
        text.AppendLine(c, $"precision (alarms that were emergencies):            {Precision:F2} ({FalseAlarms.Count} false alarms of {Outcomes.Count(o => o.Flagged)} alarms)");
        text.AppendLine(c, $"precision of confident emergencies only:            {EmergencyOnlyPrecision:F2}");
        text.AppendLine("by label (emergency / possible / normal):");
        foreach (var group in Outcomes.GroupBy(o => o.Example.Label).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(c, $"  {group.Key,-22} {group.Count(o => o.Assessment.Urgency == Urgency.Emergency),3} / {group.Count(o => o.Assessment.Urgency == Urgency.PossibleEmergency),3} / {group.Count(o => o.Assessment.Urgency == Urgency.Normal),3}");
        }

        foreach (var miss in Missed)
        {
            text.AppendLine(c, $"MISSED [{miss.Example.Label}] {miss.Example.Text}");
        }

        foreach (var alarm in FalseAlarms)
        {
            text.AppendLine(c, $"false alarm [{alarm.Example.Label}] {alarm.Assessment.Urgency}: {alarm.Assessment.Reason}");
        }

        return text.ToString();
    }
}
