using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests.Public;

/// <summary>The monthly rates, from cases this test files and handles: each unit's 三率, on-time rate, volumes and rank.</summary>
public sealed class PublicKpiTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Kpis_ForTheMonth_CountEachUnitsAcknowledgementsRepliesAndRatings_AndRankTheUnits()
    {
        var answered = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", phone: "13800000001");
        var waiting = await _app.FileWorkOrderAsync("沈家埭的绿化带里堆满了建筑垃圾", "张泾村沈家埭", phone: "13800000002");
        var streetlight = await _app.FileWorkOrderAsync("春晖路的路灯坏了一个星期，晚上很黑", "春晖路", phone: "13800000003");
        await _app.PumpAsync();
        Assert.Equal(ServicePoint, (await _app.GetCaseAsync(waiting)).GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal("guihua", (await _app.GetCaseAsync(streetlight)).GetProperty("unit").GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(answered, "acknowledge", "officer", ServicePoint)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(answered, "respond", "officer", ServicePoint, new { reply = "已安排清运。" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(streetlight, "acknowledge", "officer", "guihua")).StatusCode);
        await _app.PumpAsync();
        await _app.Service<ICaseRuntime>().HandleAsync(answered, new Rate("rate-kpi", _app.Clock.GetUtcNow(), Satisfaction.BasicallySatisfied), CancellationToken.None);
        await _app.PumpAsync();

        var kpis = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/public/kpis?month=2026-11", DeliberationApp.Json);

        Assert.Equal("2026-11", kpis.GetProperty("month").GetString());
        Assert.Contains("响应率", kpis.GetProperty("definitions").GetProperty("response").GetString());
        var town = kpis.GetProperty("town");
        Assert.Equal(3, town.GetProperty("cases").GetInt32());
        Assert.Equal(3, town.GetProperty("dispatched").GetInt32());

        var units = kpis.GetProperty("units").EnumerateArray().ToList();
        Assert.Equal([ServicePoint, "guihua"], units.Select(u => u.GetProperty("unit").GetProperty("id").GetString()));
        var sp = units[0];
        Assert.Equal("张泾村东宅巷邻坊", sp.GetProperty("unit").GetProperty("name").GetString());
        Assert.Equal(1, sp.GetProperty("rank").GetInt32());
        AssertRate(sp, "response", 1, 2);
        AssertRate(sp, "resolution", 1, 2);
        AssertRate(sp, "satisfaction", 1, 1);
        AssertRate(sp, "onTime", 1, 1);
        Assert.Equal(72.5, sp.GetProperty("score").GetDouble()); // 10 % × 0.5 + 45 % × 0.5 + 45 % × 1
        Assert.Equal(2, sp.GetProperty("byCategory")[0].GetProperty("cases").GetInt32());
        Assert.Equal("市容环境", sp.GetProperty("byCategory")[0].GetProperty("category").GetProperty("name").GetString());

        var department = units[1];
        Assert.Equal(2, department.GetProperty("rank").GetInt32());
        AssertRate(department, "response", 1, 1);
        AssertRate(department, "resolution", 0, 1);
        AssertRate(department, "satisfaction", 0, 0);
        Assert.False(department.GetProperty("satisfaction").TryGetProperty("value", out _)); // nobody rated: no rate, not 0 %
        Assert.Equal(18.18, department.GetProperty("score").GetDouble()); // (10 % × 1 + 45 % × 0) ÷ 55 %
    }

    [Fact]
    public async Task Kpis_ForAMonthWithoutCases_AreEmpty_AndABadMonthIsAValidationProblem()
    {
        var empty = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/public/kpis?month=2026-10", DeliberationApp.Json);
        Assert.Empty(empty.GetProperty("units").EnumerateArray());
        Assert.Equal(0, empty.GetProperty("town").GetProperty("cases").GetInt32());

        var bad = await _app.CreateClient().GetAsync("/api/public/kpis?month=November");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("month", await bad.Content.ReadAsStringAsync());
    }

    private static void AssertRate(JsonElement unit, string name, int numerator, int denominator)
    {
        var rate = unit.GetProperty(name);
        Assert.Equal((name, numerator, denominator), (name, rate.GetProperty("numerator").GetInt32(), rate.GetProperty("denominator").GetInt32()));
    }
}
