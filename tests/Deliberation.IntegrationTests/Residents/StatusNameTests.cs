using Deliberation.Domain.Workflow;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests.Residents;

public sealed class StatusNameTests
{
    [Fact]
    public void StatusName_EveryStatus_HasItsOwnChineseName()
    {
        var names = Enum.GetValues<CaseStatus>().Select(ResidentRequests.StatusName).ToList();

        Assert.All(names, n => Assert.DoesNotMatch("[A-Za-z]", n));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal("决议公示中", ResidentRequests.StatusName(CaseStatus.DecisionReview));
    }
}
