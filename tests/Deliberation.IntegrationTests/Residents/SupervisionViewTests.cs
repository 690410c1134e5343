using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests.Residents;

/// <summary>督办 and 吹哨报到 in the case views: in full for staff, only that it happened and which units for the public.</summary>
public sealed class SupervisionViewTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new(settings: ResidentsVoice.Settings());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SupervisedAndWhistledCase_StaffSeeWhoAndReportIns_PublicSeesOnlySupervisedAndUnitNames()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难，车子停满了消防通道", "张泾村东宅");
        await _app.PumpAsync();
        var runtime = _app.Service<ICaseRuntime>();
        // As the API records a representative: by their id in the directory, in the role they act in.
        var representative = new Actor("rep-yao-jianhua", "rep-yao-jianhua", "representative");
        await HandleAsync(runtime, caseId, new Supervise("supervise-1", _app.Clock.GetUtcNow(), representative, "群众反映强烈"));
        await HandleAsync(runtime, caseId, new Whistle("whistle-1", _app.Clock.GetUtcNow(), representative, ResidentsVoice.Committee, ["chengguan", "paichusuo"], "消防通道被占需要多部门联合处置"));
        await HandleAsync(runtime, caseId, new ReportIn("report-in-chengguan", _app.Clock.GetUtcNow(), new Actor("cg-officer-1", "chengguan", "officer")));
        await _app.AdvanceAsync(TimeSpan.FromHours(2));

        var staff = await _app.GetCaseAsync(caseId);
        var body = await (await _app.CreateClient().GetAsync($"/api/public/cases/{caseId}")).Content.ReadAsStringAsync();

        Assert.Equal("rep-yao-jianhua", staff.GetProperty("supervision").GetProperty("by").GetString());
        Assert.Equal("群众反映强烈", staff.GetProperty("supervision").GetProperty("note").GetString());
        var whistle = staff.GetProperty("whistle");
        Assert.Equal(ResidentsVoice.Committee, whistle.GetProperty("lead").GetProperty("id").GetString());
        var summoned = whistle.GetProperty("summoned").EnumerateArray().ToDictionary(s => s.GetProperty("unit").GetProperty("id").GetString()!);
        Assert.True(summoned["chengguan"].TryGetProperty("reportedAt", out _));
        Assert.False(summoned["chengguan"].GetProperty("missed").GetBoolean());
        Assert.True(summoned["paichusuo"].GetProperty("missed").GetBoolean());

        var view = JsonDocument.Parse(body).RootElement;
        Assert.Equal("已督办", view.GetProperty("supervision").GetString());
        Assert.Equal("张泾村村民委员会", view.GetProperty("whistle").GetProperty("lead").GetString());
        Assert.Equal(["新桥镇城管中队", "新桥派出所"], view.GetProperty("whistle").GetProperty("summoned").EnumerateArray().Select(s => s.GetString()));
        Assert.DoesNotContain("rep-yao-jianhua", body, StringComparison.Ordinal);
        Assert.DoesNotContain("cg-officer-1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("群众反映强烈", body, StringComparison.Ordinal);
        Assert.DoesNotContain("联合处置", body, StringComparison.Ordinal);
    }

    private static async Task HandleAsync(ICaseRuntime runtime, string caseId, CaseMessage message)
    {
        var result = await runtime.HandleAsync(caseId, message, CancellationToken.None);
        Assert.True(result.Outcome == CaseOutcome.Applied, $"{message.GetType().Name}: {result.Outcome} {result.Reason}");
    }
}
