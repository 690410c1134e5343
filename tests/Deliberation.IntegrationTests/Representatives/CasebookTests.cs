using static Deliberation.IntegrationTests.Representatives.RepresentativeClients;

namespace Deliberation.IntegrationTests.Representatives;

/// <summary>A representative's casebook: their constituency's cases and the cases they follow, and nobody else's.</summary>
public sealed class CasebookTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Casebook_ParkingCaseAtDongzhai_ShowsForZhangjingsRepresentativeWithDaysOpenAndLaterOverdue()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        var item = (await _app.CasebookAsync(Yao)).Find(caseId);
        Assert.NotNull(item);
        Assert.Equal("Dispatched", item.Value.GetProperty("status").GetString());
        Assert.Equal("v-zhangjing", item.Value.GetProperty("unit").GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(item.Value.GetProperty("unit").GetProperty("name").GetString()));
        Assert.Equal("parking", item.Value.GetProperty("category").GetProperty("id").GetString());
        Assert.Equal(0, item.Value.GetProperty("daysOpen").GetInt32());
        Assert.False(item.Value.GetProperty("overdue").GetBoolean());
        Assert.False(item.Value.GetProperty("supervised").GetBoolean());
        Assert.Equal("constituency", item.Value.GetProperty("via").GetString());
        Assert.Equal(DeliberationApp.Start.AddHours(2), item.Value.GetProperty("nextDeadlineAt").GetDateTimeOffset());

        // Two days on, nobody acknowledged it: escalated and overdue, open for two calendar days.
        await _app.AdvanceAsync(TimeSpan.FromDays(2));

        var later = (await _app.CasebookAsync(Yao)).Find(caseId);
        Assert.NotNull(later);
        Assert.Equal(2, later.Value.GetProperty("daysOpen").GetInt32());
        Assert.True(later.Value.GetProperty("overdue").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await _app.Representative(Yao).GetAsync($"/api/cases/{caseId}")).StatusCode);
    }

    [Fact]
    public async Task Casebook_CaseMovedToAnotherVillage_LeavesTheFormerVillagesCasebook()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();
        Assert.NotNull((await _app.CasebookAsync(Yao)).Find(caseId));

        // The dispatch centre finds it is 荷塘村's matter and hands it to that committee.
        (await _app.ActAsync(caseId, "reassign", "dispatcher", "dispatch", new { unitId = "v-hetang" })).EnsureSuccessStatusCode();
        await _app.PumpAsync();

        Assert.Null((await _app.CasebookAsync(Yao)).Find(caseId));
        Assert.Equal("v-hetang", (await _app.CasebookAsync(Jin)).Find(caseId)?.GetProperty("unit").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Casebook_DeadlinePassedBeforeTheSweep_ShowsOverdueAlready()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        _app.Clock.Advance(TimeSpan.FromHours(3)); // past the acknowledge deadline; no sweep yet

        var item = (await _app.CasebookAsync(Yao)).Find(caseId);
        Assert.True(item!.Value.GetProperty("overdue").GetBoolean());
        Assert.Equal("Dispatched", item.Value.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Representative_CaseOfAnotherVillage_IsForbiddenAndNotInTheCasebook()
    {
        var hetang = await _app.FileWorkOrderAsync(RubbishAtNanzhai, Nanzhai);
        await _app.PumpAsync();

        var response = await _app.Representative(Yao).GetAsync($"/api/cases/{hetang}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null((await _app.CasebookAsync(Yao)).Find(hetang));
        Assert.NotNull((await _app.CasebookAsync(Jin)).Find(hetang));
    }

    [Fact]
    public async Task Representative_FollowsACaseOfAnotherVillage_SeesItInTheCasebookButMayNotReadOrSuperviseIt()
    {
        var own = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        var hetang = await _app.FileWorkOrderAsync(RubbishAtNanzhai, Nanzhai);
        await _app.PumpAsync();
        var yao = _app.Representative(Yao);

        var follow = await yao.PostAsync($"/api/cases/{hetang}/follow", null);
        Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
        var followed = await follow.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal("rep:" + Yao, followed.GetProperty("follower").GetString()); // the token's user id is the representative's id

        // Following brings notices, not a mandate over another village's case (its reporters' contacts, its deadlines).
        Assert.Equal(HttpStatusCode.Forbidden, (await yao.GetAsync($"/api/cases/{hetang}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await yao.PostAsJsonAsync($"/api/cases/{hetang}/supervise", new { note = "请加快" })).StatusCode);
        var casebook = await _app.CasebookAsync(Yao, "?pageSize=1"); // one page per case: both phases of the token are walked
        Assert.Equal("follow", casebook.Find(hetang)!.Value.GetProperty("via").GetString());
        Assert.Equal("constituency", casebook.Find(own)!.Value.GetProperty("via").GetString());
        Assert.Equal(casebook.Count, casebook.Select(i => i.GetProperty("caseId").GetString()).Distinct().Count());
        Assert.NotNull((await yao.AllPagesAsync("/api/me/follows")).Find(hetang));

        // 徐美玲's constituency is both villages: both cases, from one query over two partitions, paged.
        var xu = await _app.CasebookAsync("rep-xu-meiling", "?pageSize=1");
        Assert.Equal([own, hetang], xu.Select(i => i.GetProperty("caseId").GetString()).Order(StringComparer.Ordinal));
        Assert.All(xu, i => Assert.Equal("constituency", i.GetProperty("via").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await yao.DeleteAsync($"/api/cases/{hetang}/follow")).StatusCode);
        Assert.Null((await _app.CasebookAsync(Yao)).Find(hetang));
    }

    [Fact]
    public async Task Follow_Twice_IsOneFollowKeepingTheFirstDate()
    {
        var caseId = await _app.FileWorkOrderAsync(RubbishAtNanzhai, Nanzhai);
        await _app.PumpAsync();
        var op = _app.Operator();

        var first = await (await op.PostAsync($"/api/cases/{caseId}/follow", null)).Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var second = await (await op.PostAsync($"/api/cases/{caseId}/follow", null)).Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);

        Assert.Equal(first.GetProperty("since").GetDateTimeOffset(), second.GetProperty("since").GetDateTimeOffset());
        Assert.Single(await op.AllPagesAsync("/api/me/follows"));
    }

    [Fact]
    public async Task Follow_OfficerOfAnotherUnit_IsForbidden()
    {
        var caseId = await _app.FileWorkOrderAsync(RubbishAtNanzhai, Nanzhai);
        await _app.PumpAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", "sp-zhangjing-dongzhai").PostAsync($"/api/cases/{caseId}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.As("officer", "sp-hetang-nanzhai").PostAsync($"/api/cases/{caseId}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Operator().PostAsync("/api/cases/209901010001/follow", null)).StatusCode);
    }

    [Fact]
    public async Task Casebook_OfAnotherRepresentative_IsForbiddenButDispatchersMayReadIt()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Representative(Jin).GetAsync($"/api/representatives/{Yao}/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", "v-zhangjing").GetAsync($"/api/representatives/{Yao}/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.As("dispatcher", "dispatch").GetAsync($"/api/representatives/{Yao}/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Admin().GetAsync("/api/representatives/rep-nobody/cases")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync($"/api/representatives/{Yao}/cases")).StatusCode);
    }

    [Fact]
    public async Task Casebook_OpenByDefault_LeavesClosedCasesOutUnlessAsked()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();
        var committee = "v-zhangjing";
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "acknowledge", "officer", committee)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "respond", "officer", committee, new { reply = "已划定停车区域。" })).StatusCode);
        await _app.PumpAsync();
        await _app.AdvanceAsync(TimeSpan.FromDays(2));
        await _app.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal("Closed", await _app.StatusOfAsync(caseId));

        Assert.Null((await _app.CasebookAsync(Yao)).Find(caseId));
        var closed = (await _app.CasebookAsync(Yao, "?open=false")).Find(caseId);
        Assert.NotNull(closed);
        Assert.False(closed.Value.GetProperty("overdue").GetBoolean());
    }
}
