using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;

namespace Deliberation.Domain.Tests.Routing;

public sealed class ClassifierRoutingTests
{
    private sealed class FixedClassifier(string category, double confidence) : ICategoryClassifier
    {
        public int Calls { get; private set; }

        public CategoryGuess? Classify(string text)
        {
            Calls++;
            return new CategoryGuess(category, confidence, [(category, confidence), ("noise", 0.2), ("pets", 0.1)]);
        }
    }

    [Fact]
    public void NoKeyword_ConfidentClassifier_DecidesTheCategory()
    {
        var result = Router.Route(TestTown.Directory, "东宅那边晚上黑漆漆的，走路很不安全", "东宅", null, null, new FixedClassifier("road", 0.9), 0.5);

        Assert.Equal("road", result.Category);
        Assert.Equal("guihua", result.UnitId);
        Assert.Contains("classifier 0.90", result.Reason);
    }

    [Fact]
    public void NoKeyword_UnsureClassifier_GoesToTriageWithTheTopThree()
    {
        var result = Router.Route(TestTown.Directory, "东宅那边晚上黑漆漆的，走路很不安全", "东宅", null, null, new FixedClassifier("road", 0.3), 0.5);

        Assert.True(result.Triage);
        Assert.Null(result.Category);
        Assert.Contains("top 3", result.Reason);
        Assert.Contains("道路设施", result.Reason);
    }

    [Fact]
    public void KeywordRule_OverridesTheClassifier_AndIsExplained()
    {
        var classifier = new FixedClassifier("pets", 0.99);

        var result = Router.Route(TestTown.Directory, "景澜小区门口的路燈壞了好幾天", "景澜小区", null, null, classifier, 0.5);

        Assert.Equal("road", result.Category);
        Assert.Contains("keyword rule", result.Reason);
        Assert.Equal(0, classifier.Calls);
    }

    [Fact]
    public void TraditionalChineseBrokenStreetlight_IsRoutedToTheTownDepartment()
    {
        var result = Router.Route(TestTown.Directory, "春暉路的路燈壞了，晚上很黑，請盡快修理", "春晖路", null, null);

        Assert.Equal("guihua", result.UnitId);
        Assert.Equal(Deliberation.Domain.Directory.Tier.Department, result.Tier);
    }
}
