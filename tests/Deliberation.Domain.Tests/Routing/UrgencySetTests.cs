using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Routing;

/// <summary>The labelled set of urgency-set.csv: every emergency is caught (as an emergency or a possible emergency).</summary>
public sealed class UrgencySetTests
{
    private static readonly IReadOnlyList<UrgencyExample> Set =
        [.. CsvFile.ReadRecords(RepoFiles.Path("tests", "Deliberation.Domain.Tests", "Routing", "urgency-set.csv")).Select(r => new UrgencyExample(r["label"], r["text"]))];

    private static UrgencyEvaluation Evaluation { get; } = UrgencyEvaluation.Run(Set, TestTown.Directory.EmergencyKeywords);

    [Fact]
    public void LabelledSet_IsLargeAndCoversEveryKindOfEmergencyAndLookAlike()
    {
        Assert.True(Set.Count >= 200, $"{Set.Count} texts");
        Assert.Equal(Set.Count, Set.Select(e => e.Text).Distinct().Count());
        string[] kinds =
        [
            "emergency-gas", "emergency-fire", "emergency-flood", "emergency-collapse", "emergency-electric", "emergency-trapped",
            "emergency-injured", "emergency-elderly", "emergency-violence", "not-hazard", "not-prevention", "not-drill", "not-past", "not-repaired",
        ];
        Assert.All(kinds, k => Assert.True(Set.Count(e => e.Label == k) >= 10, $"{k}: {Set.Count(e => e.Label == k)} texts"));
    }

    [Fact]
    public void LabelledSet_Detect_RecallIsOne()
    {
        Assert.True(Evaluation.Missed.Count == 0, "missed:\n" + string.Join("\n", Evaluation.Missed.Select(m => m.Example.Text)));
        Assert.Equal(1.0, Evaluation.Recall);
    }

    [Fact]
    public void LabelledSet_Detect_PastPreventionDrillsAndRepairsMostlyRaiseNoAlarm()
    {
        // Precision is reported by ./dev classifier urgency-eval; this only guards against "everything is an emergency".
        foreach (var kind in new[] { "not-prevention", "not-drill", "not-past", "not-repaired" })
        {
            var texts = Evaluation.Outcomes.Where(o => o.Example.Label == kind).ToList();
            Assert.True(texts.Count(o => o.Flagged) <= texts.Count / 5, $"{kind}: {string.Join(" | ", texts.Where(o => o.Flagged).Select(o => o.Assessment.Reason))}");
        }
    }

    [Theory]
    [InlineData("楼道里有很浓的煤气味，担心会爆炸")]
    [InlineData("燃气泄漏，我很担心")]
    [InlineData("着火了！去年也着过一次")]
    [InlineData("家里有煤气味，请派人来检查一下")]
    [InlineData("我好害怕，楼下有人拿着刀")]
    public void WorryHistoryOrCheck_BesidePresentDanger_IsAnEmergency(string text)
    {
        Assert.Equal(Urgency.Emergency, UrgencyDetector.Detect(text, TestTown.Directory.EmergencyKeywords));
    }

    [Theory]
    [InlineData("去年修好的燃气管道现在又有煤气味")]
    [InlineData("楼下独居老人好几天没出门了，敲门没人应")]
    [InlineData("菜场门口卖烤红薯的炉子冒烟")]
    public void PastBesidePresentOrAmbiguous_IsAPossibleEmergency(string text)
    {
        Assert.Equal(Urgency.PossibleEmergency, UrgencyDetector.Detect(text, TestTown.Directory.EmergencyKeywords));
    }

    [Theory]
    [InlineData("检查管道时发现燃气泄漏隐患，已经修好")]
    [InlineData("上个月楼里燃气泄漏过一次")]
    [InlineData("燃气泄漏应急演练下周举行")]
    [InlineData("幸好没有人受伤")]
    [InlineData("燃气灶打不着火")]
    public void PreventionPastOrNegated_IsNotAnEmergency(string text)
    {
        Assert.Equal(Urgency.Normal, UrgencyDetector.Detect(text, TestTown.Directory.EmergencyKeywords));
    }
}
