using Deliberation.Domain.Workflow;

namespace Deliberation.IntegrationTests.Residents;

public sealed class StatusNameTests
{
    [Fact]
    public void StatusName_EveryStatus_HasItsOwnChineseName()
    {
        var names = Enum.GetValues<CaseStatus>().Select(s => s.Chinese()).ToList();

        Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]", n));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("决议公示中", CaseStatus.DecisionReview.Chinese());
    }

    [Fact]
    public void ChannelAndUrgency_EveryValue_HasItsOwnChineseName()
    {
        var channels = Enum.GetValues<Channel>().Select(c => c.Chinese()).ToList();
        var urgencies = Enum.GetValues<Urgency>().Select(u => u.Chinese()).ToList();

        Assert.All(channels.Concat(urgencies), n => Assert.DoesNotMatch("[A-Za-z]", n));
        Assert.Equal(channels.Count, channels.Distinct().Count());
        Assert.Equal(urgencies.Count, urgencies.Distinct().Count());
    }
}
