using Deliberation.Domain.Notifications;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Followers;

/// <summary>The staff texts of supervision: 督办, 吹哨报到, missed report-ins, and overdue notices for followers.</summary>
public sealed class StaffTextTests
{
    private static readonly Dictionary<string, string> NoData = [];

    private static string Render(string template, CaseState state, string? recipientUnit = null, Audience audience = Audience.Unit, Dictionary<string, string>? data = null) =>
        NotificationText.Render(NotificationText.ForAudience(template, audience), data ?? NoData, state, TestTown.Directory, Shanghai, recipientUnit).Text;

    private static CaseState Whistled(bool missed = false) => Cases.Dispatched() with
    {
        UnitId = "chengguan",
        Whistle = new WhistleCall(1, "rep-yao-jianhua", "chengguan", Cases.Tuesday, "多部门协同", [new Summons("fangguanban", At(2026, 11, 24, 10, 30), Missed: missed)]),
    };

    [Fact]
    public void CaseSupervised_ByARepresentative_NamesTheCaseTheRepresentativeAndTheNewDeadline()
    {
        var state = Cases.Dispatched() with
        {
            Supervision = new Supervision("rep-yao-jianhua", Cases.Tuesday, "请尽快处理", At(2026, 11, 24, 12), At(2026, 11, 24, 11)),
        };

        var text = Render(NotificationTemplates.CaseSupervised, state, audience: Audience.UnitHead);

        Assert.Equal($"督办：诉求{state.CaseId}（{TestTown.Directory.FindCategory(state.Category!)!.Name}）已由人大代表姚建华督办，请于11月24日11:00前办结。", text);
    }

    [Fact]
    public void WhistleSummoned_ToADepartment_NamesTheLeadAndItsOwnReportInTime()
    {
        var text = Render(NotificationTemplates.WhistleSummoned, Whistled(), recipientUnit: "fangguanban");

        Assert.Contains("由新桥镇城管中队牵头办理", text, StringComparison.Ordinal);
        Assert.Contains($"请{TestTown.Directory.GetUnit("fangguanban").Name}于11月24日10:30前报到", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportInMissed_ForFollowers_NamesEveryUnitThatMissed()
    {
        var text = Render(NotificationTemplates.ReportInMissed, Whistled(missed: true), audience: Audience.Followers);

        Assert.Contains($"{TestTown.Directory.GetUnit("fangguanban").Name}未按时报到", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseOverdue_ForFollowers_SaysTheyFollowItAndWhereItWent()
    {
        var state = Cases.Accept(Cases.Dispatched(), Cases.Due(Cases.Dispatched()));

        var text = Render(NotificationTemplates.CaseOverdue, state, audience: Audience.Followers, data: new() { ["fromUnit"] = Cases.Dongzhai });

        Assert.StartsWith($"关注提醒：您关注的诉求{state.CaseId}", text, StringComparison.Ordinal);
        Assert.Contains($"在{TestTown.Directory.GetUnit(Cases.Dongzhai).Name}超期未办，已升级至{TestTown.Directory.GetUnit(Cases.Village).Name}", text, StringComparison.Ordinal);
    }
}
