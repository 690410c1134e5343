using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using static Deliberation.IntegrationTests.Representatives.RepresentativeClients;

namespace Deliberation.IntegrationTests.Representatives;

/// <summary>督办, 吹哨 and 报到 through the staff API: who may, and what a request must say.</summary>
public sealed class SuperviseAndWhistleTests : IAsyncLifetime
{
    private const string Committee = "v-zhangjing";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Supervise_RepresentativeOfTheVillage_HalvesTheRemainingTimeTellsTheUnitHeadAndMarksTheCasebook()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();
        await _app.AdvanceAsync(TimeSpan.FromMinutes(30)); // 09:30; the committee must sign by 11:00

        var response = await _app.Representative(Yao).PostAsJsonAsync($"/api/cases/{caseId}/supervise", new { note = "群众反映强烈，请尽快处理" });
        await _app.PumpAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal(caseId, view.GetProperty("caseId").GetString());
        Assert.Equal(DeliberationApp.Start.AddMinutes(75), view.GetProperty("nextDeadlineAt").GetDateTimeOffset()); // half of 90 working minutes
        var supervised = Assert.Single(view.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("event").GetString() == TimelineEvents.Supervised);
        Assert.Equal(Yao, supervised.GetProperty("actor").GetString());

        var head = Assert.Single(await _app.NotificationsAsync(caseId), n => n.Audience == Audience.UnitHead);
        Assert.Equal($"head:{Committee}", head.To);
        Assert.Equal($"督办：诉求{caseId}（停车与交通秩序）已由人大代表姚建华督办，请于11月24日10:15前办结。", head.Text);
        Assert.True((await _app.CasebookAsync(Yao)).Find(caseId)!.Value.GetProperty("supervised").GetBoolean());

        // Once per case.
        Assert.Equal(HttpStatusCode.Conflict, (await _app.Representative("rep-xu-meiling").PostAsJsonAsync($"/api/cases/{caseId}/supervise", new { })).StatusCode);
    }

    [Fact]
    public async Task Whistle_OneDepartmentFailsToReportIn_IsEscalatedAndFollowersAreToldWhileTheOtherStaysOnTheCase()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", Dongzhai);
        await _app.PumpAsync();

        var response = await _app.Representative(Yao).PostAsJsonAsync(
            $"/api/cases/{caseId}/whistle",
            new { lead = "chengguan", summoned = new[] { "shirongsuo", "fangguanban" }, reason = "垃圾长期无人清运，需多部门协同" });
        await _app.PumpAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal("Dispatched", view.GetProperty("status").GetString());
        Assert.Equal("chengguan", view.GetProperty("unit").GetProperty("id").GetString());
        var summons = (await _app.NotificationsAsync(caseId)).Where(n => n.Template == NotificationTemplates.WhistleSummoned).ToList();
        Assert.Equal(["fangguanban", "shirongsuo"], summons.Select(n => n.UnitId).Order(StringComparer.Ordinal));
        Assert.Contains("由新桥镇城管中队牵头办理", summons[0].Text, StringComparison.Ordinal);

        // The summoned may read the case and report in; the one who whistled (a service point's case before) need not.
        Assert.Equal(HttpStatusCode.OK, (await _app.As("officer", "shirongsuo").GetAsync($"/api/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "report-in", "officer", "shirongsuo", new { note = "已到现场" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _app.ActAsync(caseId, "report-in", "officer", "shirongsuo")).StatusCode);

        await _app.AdvanceAsync(TimeSpan.FromHours(1)); // past 30 working minutes

        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "ReportInMissed"));
        var notices = await _app.NotificationsAsync(caseId);
        var alert = Assert.Single(notices, n => n.Template == NotificationTemplates.ReportInMissed && n.Audience == Audience.TownAlert);
        Assert.Equal("fangguanban", alert.UnitId);
        var followers = notices.Where(n => n.Template == NotificationTemplates.ReportInMissed && n.Audience == Audience.Followers).ToList();
        Assert.Equal(OfZhangjing, followers.Select(n => n.To).Order(StringComparer.Ordinal));
        Assert.All(followers, n => Assert.Contains("新桥镇房管办未按时报到", n.Text, StringComparison.Ordinal)); // not the one that reported in

        // Late is still in: the summoned department stays on the case until it is resolved.
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "report-in", "officer", "fangguanban")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "acknowledge", "officer", "chengguan")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "progress", "officer", "fangguanban", new { note = "已协调物业" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "respond", "officer", "chengguan", new { reply = "已清运并建立长效保洁机制。" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", "fangguanban").GetAsync($"/api/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task Whistle_VillageCommitteeOnItsOwnCase_SummonsTheDepartments()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        var response = await _app.ActAsync(caseId, "whistle", "officer", Committee, new { lead = "paichusuo", summoned = new[] { "chengguan" }, reason = "乱停车需执法配合" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("paichusuo", (await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json)).GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Whistle"));
    }

    [Fact]
    public async Task Supervise_RepresentativeOfAnotherVillageOrAnOfficer_IsForbidden()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Representative(Jin).PostAsJsonAsync($"/api/cases/{caseId}/supervise", new { note = "请尽快" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "supervise", "officer", Committee, new { note = "请尽快" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "supervise", "operator", "dispatch")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Representative(Yao).PostAsJsonAsync("/api/cases/209901010001/supervise", new { })).StatusCode);
        Assert.Equal(0, await _app.CountTimelineAsync(caseId, "Supervised"));
    }

    [Fact]
    public async Task Whistle_ServicePointOfficerOrOtherVillagesRepresentative_IsForbidden()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", Dongzhai);
        await _app.PumpAsync();
        var whistle = new { lead = "chengguan", summoned = new[] { "shirongsuo", "fangguanban" }, reason = "多部门协同处置" };

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "whistle", "officer", "sp-zhangjing-dongzhai", whistle)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Representative(Jin).PostAsJsonAsync($"/api/cases/{caseId}/whistle", whistle)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "whistle", "dispatcher", "dispatch", whistle)).StatusCode);
    }

    [Theory]
    [InlineData(null, "shirongsuo", "reason", "lead")]
    [InlineData("nowhere", "shirongsuo", "reason", "lead")]
    [InlineData("chengguan", null, "reason", "summoned")]
    [InlineData("chengguan", "nowhere", "reason", "summoned")]
    [InlineData("chengguan", "shirongsuo", null, "reason")]
    public async Task Whistle_Incomplete_IsAValidationProblemNamingTheField(string? lead, string? summoned, string? reason, string field)
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        var response = await _app.Representative(Yao).PostAsJsonAsync(
            $"/api/cases/{caseId}/whistle",
            new { lead, summoned = summoned is null ? Array.Empty<string>() : [summoned], reason = reason is null ? null : "多部门协同处置" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors.{field} expected in {problem}");
    }

    [Fact]
    public async Task ReportIn_DepartmentNotSummoned_IsForbidden()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "report-in", "officer", "paichusuo")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", "paichusuo").GetAsync($"/api/cases/{caseId}")).StatusCode);
    }
}
