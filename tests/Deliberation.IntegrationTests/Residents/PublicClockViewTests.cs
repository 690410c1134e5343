namespace Deliberation.IntegrationTests.Residents;

/// <summary>A case before a committee shows its own public clock, and nothing personal.</summary>
public sealed class PublicClockViewTests : IAsyncLifetime
{
    private const string CallerPhone = "13700137009";
    private const string Text = "我是王建国，电话13700137009，东宅12号门口每天晚上被外来车辆堵住，车子停满了消防通道";

    private readonly DeliberationApp _app = new(settings: ResidentsVoice.Settings());

    private ResidentsVoice Voice => new(_app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ReferredCase_NotYetOnAnAgenda_ShowsByWhenAMeetingMustTakeItUp()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(CallerPhone, Text);
        var state = await Voice.StateAsync(caseId);

        var view = await Voice.PublicViewAsync(caseId);

        var deliberation = view.GetProperty("deliberation");
        Assert.Equal("张泾村村民委员会", deliberation.GetProperty("committee").GetString());
        Assert.Equal($"待列入议事会议程，最迟{ResidentsVoice.Day(state.DecisionDueAt!.Value)}前安排", deliberation.GetProperty("line").GetString());
        Assert.True(state.DecisionDueAt > _app.Clock.GetUtcNow());
        Assert.False(deliberation.TryGetProperty("meetingAt", out _));
        var staff = (await _app.GetCaseAsync(caseId)).GetProperty("deliberation");
        Assert.Equal(deliberation.GetProperty("line").GetString(), staff.GetProperty("line").GetString());
    }

    [Fact]
    public async Task CaseOnAnAgenda_ShowsTheMeetingAndWhenItsDecisionIsDue_WithNoPersonalData()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(CallerPhone, Text);
        var scheduled = await Voice.ScheduleAsync(caseId, new DateTimeOffset(2026, 12, 3, 19, 0, 0, TimeSpan.FromHours(8)), "张泾村村委会二楼会议室");

        var response = await _app.CreateClient().GetAsync($"/api/public/cases/{caseId}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var deliberation = JsonDocument.Parse(body).RootElement.GetProperty("deliberation");
        Assert.Equal(
            $"将于12月3日在张泾村村委会二楼会议室召开的议事会上决定，决定于{ResidentsVoice.Day(scheduled.State!.DecisionDueAt!.Value)}前公布",
            deliberation.GetProperty("line").GetString());
        Assert.Equal(new DateTimeOffset(2026, 12, 3, 19, 0, 0, TimeSpan.FromHours(8)), deliberation.GetProperty("meetingAt").GetDateTimeOffset());
        Assert.Equal("张泾村村委会二楼会议室", deliberation.GetProperty("place").GetString());
        Assert.DoesNotContain("王建国", body, StringComparison.Ordinal);
        Assert.DoesNotContain("0137009", body, StringComparison.Ordinal);
        Assert.DoesNotContain("东宅12号", body, StringComparison.Ordinal);
        Assert.DoesNotContain("消防通道", body, StringComparison.Ordinal);
        Assert.Null(PublicResponseScanner.Find(body));

        // Staff see the clock too, and no handling deadline beside it.
        var staff = await _app.GetCaseAsync(caseId);
        Assert.Equal(deliberation.GetProperty("line").GetString(), staff.GetProperty("deliberation").GetProperty("line").GetString());
        Assert.False(staff.TryGetProperty("respondDueAt", out _));
    }

    [Fact]
    public async Task DecisionUnderReview_ShowsTheRedactedDecisionAndHowToObject()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(CallerPhone, Text);
        var decided = await Voice.DecidedAsync(caseId);

        var body = await (await _app.CreateClient().GetAsync($"/api/public/cases/{caseId}")).Content.ReadAsStringAsync();

        var decision = JsonDocument.Parse(body).RootElement.GetProperty("decision");
        Assert.Equal("Adopted", decision.GetProperty("outcome").GetString());
        Assert.Equal("东宅小区夜间在村道东侧划定临时停车位，消防通道禁止停车", decision.GetProperty("resolution").GetString());
        Assert.Equal("赞成21票，反对3票，弃权1票", decision.GetProperty("votes").GetString());
        Assert.Equal("张泾村村民委员会", decision.GetProperty("responsibleUnit").GetString());
        Assert.Equal(0, decision.GetProperty("objections").GetInt32());
        Assert.Equal(decided.Decision!.ObjectionsToReopen, decision.GetProperty("objectionsNeeded").GetInt32());
        Assert.Equal($"决议公示至{ResidentsVoice.Day(decided.Decision.ReviewEndsAt)}，期间可回复“异议{caseId} 理由”提出异议", decision.GetProperty("line").GetString());
        Assert.DoesNotContain("王建国", body, StringComparison.Ordinal);
    }
}
