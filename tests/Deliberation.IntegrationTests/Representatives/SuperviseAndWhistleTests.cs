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
