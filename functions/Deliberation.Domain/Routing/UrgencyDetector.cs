using System.Text.RegularExpressions;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Routing;

/// <summary>How urgent a text is, and why (shown to the dispatcher on the timeline).</summary>
/// <param name="Word">The danger word that decided it, if any.</param>
/// <param name="Clause">The clause it stood in.</param>
public sealed record UrgencyAssessment(Urgency Urgency, string? Word, string? Clause, string Reason)
{
    public static readonly UrgencyAssessment None = new(Urgency.Normal, null, null, "no danger word");
}

/// <summary>
/// Present danger (gas, fire, flooding into homes, collapse, live wires, a person trapped, drowning, missing or hurt,
/// an elderly person who does not answer, violence), judged clause by clause over the hazards of
/// <see cref="HazardLexicon"/>. A hazard is named by an event word ("着火") or by a thing and a sign of it going wrong in
/// one clause ("管子脱了，呼呼往外跑气"). It counts unless its own clause says it is prevented, past, hypothetical or
/// repaired (隐患, 演练, 去年, 已经修好, 万一); worry (担心, 怕) and a request to check do not cancel it, and history in
/// another clause ("着火了！去年也着过一次") does not touch it. Everyday words that merely contain a hazard (火锅, 电费,
/// 上火) are blanked out first. Where the danger is described rather than named, or its time is unclear, the text is a
/// <see cref="Urgency.PossibleEmergency"/>: a missed gas leak costs lives, a false alarm a dispatcher's minute.
/// </summary>
public static class UrgencyDetector
{
    /// <summary>Words of present danger the detector always knows; a town's own emergency words add to them.</summary>
    public static IReadOnlyList<string> CoreWords => HazardLexicon.AllEvents;

    public static Urgency Detect(string text, IEnumerable<string> emergencyWords) => Assess(text, emergencyWords).Urgency;

    public static UrgencyAssessment Assess(string text, IEnumerable<string> emergencyWords)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return UrgencyAssessment.None;
        }

        var masked = UrgencyCues.MaskOtherSenses(text);
        var townWords = emergencyWords.Where(w => !string.IsNullOrWhiteSpace(w)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var possible = default(UrgencyAssessment);
        foreach (var (clause, exclaimed) in Clauses(masked))
        {
            foreach (var finding in Findings(clause, masked, townWords))
            {
                var verdict = Judge(clause, exclaimed, finding, ToFix(masked));
                if (verdict == Urgency.Emergency)
                {
                    return new(Urgency.Emergency, finding.Word, clause, $"“{finding.Word}” in “{clause}”");
                }

                if (verdict == Urgency.PossibleEmergency)
                {
                    possible ??= new(Urgency.PossibleEmergency, finding.Word, clause, $"unsure: “{finding.Word}” in “{clause}”");
                }
            }
        }

        return possible ?? Fallback(masked);
    }

    /// <summary>A danger found in a clause: the word (or thing + sign) that names it, where, and whether it may mean something else.</summary>
    private sealed record Finding(string Word, int At, int Length, bool Ambiguous);

    private static IEnumerable<Finding> Findings(string clause, string text, IReadOnlyList<string> townWords)
    {
        foreach (var word in townWords)
        {
            foreach (var at in Occurrences(clause, word))
            {
                yield return new(word, at, word.Length, HazardLexicon.Ambiguous.Contains(word));
            }
        }

        foreach (var concept in HazardLexicon.Concepts)
        {
            foreach (var word in concept.Events)
            {
                foreach (var at in Occurrences(clause, word))
                {
                    yield return new(word, at, word.Length, HazardLexicon.Ambiguous.Contains(word));
                }
            }

            foreach (var pattern in concept.Patterns ?? [])
            {
                foreach (Match m in pattern.Matches(clause))
                {
                    yield return new(m.Value, m.Index, m.Length, Ambiguous: false);
                }
            }

            // A thing and a sign of it going wrong: a description, so only an emergency where the present is clear.
            foreach (var sign in concept.Signs)
            {
                foreach (var at in Occurrences(clause, sign))
                {
                    var subject = concept.Subjects.FirstOrDefault(s => concept.SubjectsAnywhere
                        ? Occurrences(text, s).Any()
                        : Occurrences(clause, s).Any(i => i + s.Length <= at || at + sign.Length <= i));
                    if (subject is not null)
                    {
                        yield return new($"{subject}…{sign}", at, sign.Length, Ambiguous: true);
                    }
                }
            }
        }
    }

    /// <summary>The text asks for a repair and never says "now": a described hazard in it is a thing to fix.</summary>
    private static bool ToFix(string text) =>
        UrgencyCues.RepairRequest.Any(text.Contains) && !UrgencyCues.ClearPresent.Any(text.Contains) && !text.Contains('！') && !text.Contains('!');

    private static Urgency Judge(string clause, bool exclaimed, Finding finding, bool toFix)
    {
        if (!IsWholeWord(clause, finding.At, finding.Length) || Negated(clause, finding.At))
        {
            return Urgency.Normal;
        }

        var after = clause[(finding.At + finding.Length)..];
        var now = clause.Replace("到现在", "", StringComparison.Ordinal);
        var present = exclaimed || UrgencyCues.Present.Any(p => now.Contains(p, StringComparison.OrdinalIgnoreCase)) || UrgencyCues.HasSmell.IsMatch(clause);
        var presentAtAll = present || after.Contains('了') || finding.Word.EndsWith('了') || UrgencyCues.WeakPresent.Any(clause.Contains);
        if (UrgencyCues.Resolved.Any(r => clause.Contains(r, StringComparison.OrdinalIgnoreCase)))
        {
            // Put out, repaired, rescued: over, unless it is back ("修好的管道现在又有煤气味").
            return UrgencyCues.Ongoing.Any(now.Contains) ? Urgency.PossibleEmergency : Urgency.Normal;
        }

        if (UrgencyCues.PastOrPrevention.Any(c => clause.Contains(c, StringComparison.OrdinalIgnoreCase)) || UrgencyCues.Year.IsMatch(clause)
            || HappenedBefore(after))
        {
            // Past or prevention beside a clear present ("去年那样，现在又有煤气味"): unsure, so a dispatcher looks.
            return present ? Urgency.PossibleEmergency : Urgency.Normal;
        }

        if (UrgencyCues.Softeners.Any(clause.Contains))
        {
            // Worry or a check request cancels nothing present; alone ("担心引发火灾") it is a hazard to fix.
            return presentAtAll ? Urgency.Emergency : Urgency.Normal;
        }

        if (finding.Ambiguous && toFix)
        {
            return Urgency.Normal;
        }

        if (finding.Ambiguous)
        {
            return presentAtAll ? Urgency.Emergency : Urgency.PossibleEmergency;
        }

        return Urgency.Emergency;
    }

    /// <summary>
    /// Nothing named a danger outright. Still worth a dispatcher's look: an elderly person living alone who cannot be
    /// reached, a call for help beside any hazard, or a hazard in a clause that says "now" with nothing cancelling it.
    /// </summary>
    private static UrgencyAssessment Fallback(string text)
    {
        if (UrgencyCues.LivingAlone.Any(text.Contains) && UrgencyCues.Unreachable.Any(text.Contains))
        {
            return new(Urgency.PossibleEmergency, null, null, "an elderly person living alone who cannot be reached");
        }

        var hazards = HazardLexicon.Concepts.Where(c => !c.SubjectsAnywhere).SelectMany(c => c.Subjects).ToList();
        var plea = UrgencyCues.Pleas.FirstOrDefault(text.Contains);
        var hazard = hazards.FirstOrDefault(text.Contains);
        if (plea is not null && hazard is not null)
        {
            return new(Urgency.PossibleEmergency, hazard, null, $"a call for help (“{plea}”) beside “{hazard}”");
        }

        foreach (var (clause, exclaimed) in Clauses(text))
        {
            var named = hazards.FirstOrDefault(clause.Contains);
            var cancelled = UrgencyCues.PastOrPrevention.Concat(UrgencyCues.Resolved).Concat(UrgencyCues.Softeners).Any(clause.Contains);
            if (named is not null && !cancelled && (exclaimed || UrgencyCues.ClearPresent.Any(clause.Contains)))
            {
                return new(Urgency.PossibleEmergency, named, clause, $"unsure: “{named}” now in “{clause}”");
            }
        }

        return UrgencyAssessment.None;
    }

    /// <summary>"着过火": it happened before. "烧过去", "漫过来" only say which way it is going.</summary>
    private static bool HappenedBefore(string after) =>
        (after.StartsWith('过') || after.StartsWith('過')) && !(after.Length > 1 && after[1] is '去' or '来' or '來');

    /// <summary>The clauses of the text, each with whether it ends in an exclamation ("着火了！").</summary>
    private static IEnumerable<(string Clause, bool Exclaimed)> Clauses(string text)
    {
        var start = 0;
        foreach (Match m in UrgencyCues.ClauseBreak.Matches(text))
        {
            if (m.Index > start)
            {
                yield return (text[start..m.Index], m.Value.Contains('！') || m.Value.Contains('!'));
            }

            start = m.Index + m.Length;
        }

        if (start < text.Length)
        {
            yield return (text[start..], false);
        }
    }

    private static IEnumerable<int> Occurrences(string text, string word)
    {
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            yield return at;
        }
    }

    /// <summary>ASCII words ("fire") must not match inside other words ("firewood").</summary>
    private static bool IsWholeWord(string text, int at, int length)
    {
        var word = text.AsSpan(at, length);
        if (!char.IsAsciiLetter(word[0]) && !char.IsAsciiLetter(word[^1]))
        {
            return true;
        }

        var before = at == 0 || !char.IsAsciiLetter(text[at - 1]);
        var end = at + length;
        var after = end >= text.Length || !char.IsAsciiLetter(text[end]);
        return before && after;
    }

    /// <summary>"没有人受伤", "打不着火", "不是火灾": a negation just before the word.</summary>
    private static bool Negated(string clause, int at)
    {
        var before = clause[..at];
        return UrgencyCues.Negations.Any(n => before.EndsWith(n, StringComparison.Ordinal));
    }
}
