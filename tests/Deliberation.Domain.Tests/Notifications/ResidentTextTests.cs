using Deliberation.Domain.Notifications;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Notifications;

/// <summary>Texts residents receive about a committee's decision read as one sentence each.</summary>
public sealed class ResidentTextTests
{
    [Fact]
    public void DecisionPublished_ResolutionEndingInAFullStop_HasOneFullStopBeforeTheReviewDate()
    {
        var state = Cases.Dispatched() with
        {
            Reply = "议事会通过：在村道东侧施划停车位30个，西侧禁止停车。",
            Decision = new MeetingDecision("m-1", 0, DeliberationOutcome.Adopted, "在村道东侧施划停车位30个，西侧禁止停车。", null, null, Cases.Tuesday, At(2026, 12, 1, 9), 5),
        };

        var text = NotificationText.Render(NotificationTemplates.DecisionPublished, new Dictionary<string, string>(), state, TestTown.Directory, Shanghai).Text;

        Assert.Contains("西侧禁止停车。决定公示至12月1日", text, StringComparison.Ordinal);
        Assert.DoesNotContain("。。", text, StringComparison.Ordinal);
    }
}
