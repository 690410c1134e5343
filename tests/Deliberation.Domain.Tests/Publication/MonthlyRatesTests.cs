using Deliberation.Domain.Publication;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Publication;

public sealed class MonthlyRatesTests
{
    private static readonly DateTimeOffset Dispatched = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    private static CaseFacts Case(string id, string? unit = "sp", DateTimeOffset? acknowledged = null, DateTimeOffset? responded = null, bool replied = false, Satisfaction? rating = null, bool dispatched = true) => new(
        id, unit, "environment", dispatched ? Dispatched : null, Dispatched.AddHours(2), acknowledged, Dispatched.AddDays(5), responded, replied, rating);

    [Fact]
    public void AcknowledgedAfterItsDeadline_DoesNotCountAsResponded()
    {
        var late = Case("1", acknowledged: Dispatched.AddHours(3));
        var onTime = Case("2", acknowledged: Dispatched.AddHours(1));

        var unit = MonthlyRates.Compute([late, onTime]).Units.Single();

        Assert.Equal(new Ratio(1, 2), unit.Response);
    }

    [Fact]
    public void AnsweredOutrightBeforeTheAcknowledgementDeadline_CountsAsResponded()
    {
        var unit = MonthlyRates.Compute([Case("1", responded: Dispatched.AddHours(1), replied: true)]).Units.Single();

        Assert.Equal(new Ratio(1, 1), unit.Response);
        Assert.Equal(new Ratio(1, 1), unit.OnTime);
    }

    [Fact]
    public void Dissatisfied_IsNotResolved_AndBasicallySatisfiedIsSatisfied()
    {
        var cases = new[]
        {
            Case("1", acknowledged: Dispatched, responded: Dispatched.AddDays(1), replied: true, rating: Satisfaction.Dissatisfied),
            Case("2", acknowledged: Dispatched, responded: Dispatched.AddDays(1), replied: true, rating: Satisfaction.BasicallySatisfied),
            Case("3", acknowledged: Dispatched, responded: Dispatched.AddDays(6), replied: false),
        };

        var unit = MonthlyRates.Compute(cases).Units.Single();

        Assert.Equal(new Ratio(1, 3), unit.Resolution);
        Assert.Equal(new Ratio(1, 2), unit.Satisfaction);
        Assert.Equal(new Ratio(2, 3), unit.OnTime);
    }

    [Fact]
    public void Ranking_OrdersByWeightedScore_AndUnitsWithoutDispatchesAreUnranked()
    {
        var cases = new[]
        {
            Case("1", unit: "slow"),
            Case("2", unit: "quick", acknowledged: Dispatched),
            Case("3", unit: "routing", dispatched: false),
        };

        var month = MonthlyRates.Compute(cases);

        Assert.Equal(["quick", "slow", "routing"], month.Units.Select(u => u.UnitId));
        Assert.Equal([1, 2, (int?)null], month.Units.Select(u => u.Rank));
        Assert.Equal(3, month.Town.Cases);
        Assert.Equal(2, month.Town.Dispatched);
    }
}
