using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;

namespace Deliberation.Domain.Tests.Routing;

/// <summary>
/// The held-out sets: urgency-holdout.csv (24 texts written after the clause rewrite) and urgency-holdout-2.csv (209 texts,
/// symptoms and colloquial phrasing, written before the concept lexicon). Every emergency is caught, and look-alikes
/// (hazards to fix, drills, the past, repairs, other senses of 火, 电, 水) mostly raise no alarm.
/// </summary>
public sealed class UrgencyHoldoutTests
{
    [Theory]
    [InlineData("urgency-holdout.csv")]
    [InlineData("urgency-holdout-2.csv")]
    public void HeldOutSet_Detect_RecallIsOne(string file)
    {
        var evaluation = Evaluate(file);
        Assert.True(evaluation.Missed.Count == 0, "missed:\n" + string.Join("\n", evaluation.Missed.Select(m => m.Example.Text)));
    }

    [Theory]
    [InlineData("urgency-holdout.csv")]
    [InlineData("urgency-holdout-2.csv")]
    public void HeldOutSet_Detect_LookAlikesMostlyRaiseNoAlarm(string file)
    {
        // A possible emergency for every text that mentions 水 or 火 would reach recall 1.00 too; this guards against it.
        var lookAlikes = Evaluate(file).Outcomes.Where(o => !o.Example.IsEmergency).ToList();
        var alarms = lookAlikes.Where(o => o.Flagged).ToList();
        Assert.True(alarms.Count <= lookAlikes.Count / 10, string.Join("\n", alarms.Select(o => o.Assessment.Reason)));
    }

    [Fact]
    public void SecondHeldOutSet_IsLargeAndCoversEveryKind()
    {
        var set = Read("urgency-holdout-2.csv");
        Assert.True(set.Count >= 150, $"{set.Count} texts");
        Assert.Equal(set.Count, set.Select(e => e.Text).Distinct().Count());
        Assert.True(set.Count(e => !e.IsEmergency) >= set.Count(e => e.IsEmergency), "at least as many look-alikes as emergencies");
        foreach (var kind in new[] { "gas", "fire", "flood", "collapse", "electric", "trapped", "injured", "elderly", "violence" })
        {
            Assert.True(set.Count(e => e.Label == "emergency-" + kind) >= 8, kind);
        }
    }

    private static List<UrgencyExample> Read(string file) =>
        [.. CsvFile.ReadRecords(RepoFiles.Path("tests", "Deliberation.Domain.Tests", "Routing", file)).Select(r => new UrgencyExample(r["label"], r["text"]))];

    private static UrgencyEvaluation Evaluate(string file) => UrgencyEvaluation.Run(Read(file), TestTown.Directory.EmergencyKeywords);
}
