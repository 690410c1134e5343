namespace Deliberation.IntegrationTests.Meetings;

/// <summary>Who may run a committee's meetings, what the API refuses, and retried requests.</summary>
public sealed class MeetingApiTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Schedule_InvalidFields_ValidationProblemNamingEachField()
    {
        var response = await _app.Clerk().PostAsJsonAsync("/api/meetings", new
        {
            committee = "chengguan",
            type = "Party",
            startsAt = "2026-12-01T19:00:00",
            place = "",
            chair = new { name = "沈卫东" },
            members = new[] { new { id = "m1", name = "王建国" }, new { id = "m1", name = "李秀英" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "committee", "type", "startsAt", "place", "chair.role", "members" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task Schedule_InThePast_Refused()
    {
        var response = await _app.Clerk().PostAsJsonAsync("/api/meetings", new
        {
            committee = MeetingTestKit.Committee,
            type = "村民代表会议",
            startsAt = "2026-11-23T19:00:00+08:00",
            place = "村委会",
            chair = new { name = "沈卫东", role = "村党总支书记" },
            members = new[] { new { id = "m1", name = "王建国" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("future", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Schedule_RetriedWithTheSameIdempotencyKey_IsOneMeeting()
    {
        var first = await _app.ScheduleAsync(idempotencyKey: "call-2026-11-26");
        var again = await _app.ScheduleAsync(idempotencyKey: "call-2026-11-26");
        var other = await _app.ScheduleAsync();

        Assert.Equal(first.Id(), again.Id());
        Assert.NotEqual(first.Id(), other.Id());
        Assert.Matches(@"^20261126-[0-9a-f]{4}$", first.Id());
        var list = await _app.Clerk().GetFromJsonAsync<JsonElement>("/api/meetings", DeliberationApp.Json);
        Assert.Equal(2, list.GetProperty("upcoming").GetArrayLength());
    }

    [Fact]
    public async Task ManualItem_RetriedWithTheSameIdempotencyKey_IsAddedOnce()
    {
        var id = (await _app.ScheduleAsync()).Id();
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/meetings/{id}/items") { Content = JsonContent.Create(new { title = "村规民约修订" }) };
            request.Headers.Add("Idempotency-Key", "item-1");
            Assert.Equal(HttpStatusCode.OK, (await _app.Clerk().SendAsync(request)).StatusCode);
        }

        Assert.Equal(1, (await _app.GetMeetingAsync(id)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task OtherCommitteesOfficer_Forbidden_DispatcherAllowed()
    {
        var id = (await _app.ScheduleAsync()).Id();

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", "v-hetang").GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", "v-hetang").PostAsJsonAsync($"/api/meetings/{id}/cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("operator", MeetingTestKit.Committee).GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.As("dispatcher", "dispatch").GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync($"/api/meetings/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.Clerk().GetAsync("/api/meetings/20261126-zzzz")).StatusCode);
    }

    [Fact]
    public async Task Vote_CountedAndNamedTogether_Or_VotesOnADeferral_ValidationProblem()
    {
        var id = (await _app.ScheduleAsync()).Id();
        await _app.OkAsync($"/api/meetings/{id}/items", new { title = "村规民约修订" });

        var both = await _app.PostAsync($"/api/meetings/{id}/items/i1/vote", new { @for = 3, forMembers = new[] { "m1" }, resolution = "同意" });
        var deferredWithVotes = await _app.PostAsync($"/api/meetings/{id}/items/i1/vote", new { outcome = "Deferred", @for = 3 });
        var notHeld = await _app.PostAsync($"/api/meetings/{id}/items/i1/vote", new { @for = 3, resolution = "同意" });

        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, deferredWithVotes.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, notHeld.StatusCode);
        Assert.Contains("record attendance first", await notHeld.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PublicPage_OfAMeetingNotHeld_NotFound()
    {
        var id = (await _app.ScheduleAsync()).Id();

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync($"/api/public/meetings/{id}")).StatusCode);
        Assert.Empty((await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/meetings?committee={MeetingTestKit.Committee}", DeliberationApp.Json)).GetProperty("items").EnumerateArray());
    }
}
