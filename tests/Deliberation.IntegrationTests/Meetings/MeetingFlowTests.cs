using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;

namespace Deliberation.IntegrationTests.Meetings;

/// <summary>A committee meeting end to end: agenda from referred cases, quorum, votes, and what the cases and the public see.</summary>
public sealed class MeetingFlowTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Meeting_WithQuorum_AdoptsAnItemAndItsCaseGoesToDecisionReview()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000011");
        var rules = await _app.ReferredCaseAsync("建议修订村规民约，增加文明养犬的条款", "张泾村沈家埭", "13900000012");
        var meeting = await _app.ScheduleAsync();
        var id = meeting.Id();

        var built = await _app.OkAsync($"/api/meetings/{id}/agenda/build");
        await _app.PumpAsync();

        Assert.Equal(new[] { parking, rules }.Order(StringComparer.Ordinal), built.GetProperty("added").EnumerateArray().Select(e => e.GetString()!).Order(StringComparer.Ordinal));
        Assert.Empty(built.GetProperty("meeting").GetProperty("pendingCaseMessages").EnumerateArray());
        foreach (var caseId in new[] { parking, rules })
        {
            var state = await _app.StateAsync(caseId);
            Assert.Equal(id, state.Meeting?.MeetingId);
            Assert.Equal(DeliberationApp.Start.AddDays(2).AddHours(10), state.Meeting!.At);
            Assert.Contains(await _app.NotificationsAsync(caseId), n => n.Template == NotificationTemplates.CaseOnAgenda && n.Audience == Audience.Reporter);
        }

        // The agenda goes to every member and to the village's representatives.
        var notice = await _app.OkAsync($"/api/meetings/{id}/notify");
        var recipients = notice.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Contains("member:m9", recipients);
        Assert.Contains("rep:rep-yao-jianhua", recipients);
        Assert.Contains("rep:rep-xu-meiling", recipients);
        Assert.DoesNotContain("rep:rep-jin-guoping", recipients);
        var sent = await _app.NotificationsAsync(id);
        Assert.Equal(recipients.Count, sent.Count);
        Assert.All(sent, n => Assert.Contains("村民代表会议", n.Text));

        await _app.AdvanceAsync(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow());
        var itemId = (await _app.GetMeetingAsync(id)).ItemFor(parking).GetProperty("itemId").GetString()!;
        var rulesItem = (await _app.GetMeetingAsync(id)).ItemFor(rules).GetProperty("itemId").GetString()!;

        // Five of nine is below two thirds: the vote is refused, saying how many are there and how many are needed.
        await _app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(5) });
        var refused = await _app.PostAsync($"/api/meetings/{id}/items/{itemId}/vote", new { @for = 5, against = 0, abstain = 0, resolution = "同意" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("5 of 9", problem);
        Assert.Contains("at least 6", problem);
        Assert.Equal(CaseStatus.InDeliberation, (await _app.StateAsync(parking)).Status);

        // A latecomer makes six of nine: quorum. Five for of six present is adopted.
        await _app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(6) });
        var adopted = await _app.OkAsync(
            $"/api/meetings/{id}/items/{itemId}/vote",
            new { forMembers = new[] { "m1", "m2", "m3", "m4", "m5" }, againstMembers = new[] { "m6" }, outcome = "Adopted", resolution = "同意在东宅施划12个停车位，由王建国牵头，联系电话13912345678。", responsibleUnit = "sp-zhangjing-dongzhai" });
        await _app.PumpAsync();
        var item = adopted.ItemFor(parking);
        Assert.Equal("Adopted", item.GetProperty("outcome").GetString());
        Assert.Contains(item.GetProperty("steps").EnumerateArray(), s => s.GetProperty("step").GetString() == "DecisionPublished");

        var decided = await _app.StateAsync(parking);
        Assert.Equal(CaseStatus.DecisionReview, decided.Status);
        Assert.Equal(id, decided.Decision!.MeetingId);
        Assert.Equal(DeliberationOutcome.Adopted, decided.Decision.Outcome);
        Assert.Equal("sp-zhangjing-dongzhai", decided.Decision.ResponsibleUnit);
        Assert.Equal("赞成5票，反对1票，弃权0票（应到9人，实到6人）", decided.Decision.Votes);

        // A tie is not adopted.
        var tie = await _app.OkAsync($"/api/meetings/{id}/items/{rulesItem}/vote", new { @for = 3, against = 3, abstain = 0, resolution = "暂不修订村规民约。" });
        Assert.Equal("Rejected", tie.ItemFor(rules).GetProperty("outcome").GetString());
        Assert.Equal(DeliberationOutcome.Rejected, (await _app.StateAsync(rules)).Decision!.Outcome);
    }

    [Fact]
    public async Task PublicMeetingPage_ShowsCountsAndRedactedResolutions_NoMemberNames()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000021");
        var id = (await _app.ScheduleAsync()).Id();
        var built = await _app.OkAsync($"/api/meetings/{id}/agenda/build");
        var itemId = built.GetProperty("meeting").ItemFor(parking).GetProperty("itemId").GetString()!;
        await _app.OkAsync($"/api/meetings/{id}/items/{itemId}/steps", new { step = "Proposed", date = "2026-11-20", note = "党支部提议" });
        await _app.OkAsync($"/api/meetings/{id}/items/{itemId}/steps", new { step = "两委商议", date = "2026-11-23" });
        await _app.PumpAsync();
        await _app.AdvanceAsync(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow());
        await _app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(7) });
        await _app.OkAsync($"/api/meetings/{id}/items/{itemId}/vote", new { @for = 6, against = 1, abstain = 0, resolution = "同意施划停车位，由王建国负责，联系电话13912345678。" });
        await _app.OkAsync($"/api/meetings/{id}/minutes", new { minutes = "王建国主持讨论，李秀英记录。" });
        await _app.PumpAsync();

        var response = await _app.CreateClient().GetAsync($"/api/public/meetings/{id}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var (_, name) in MeetingTestKit.Members)
        {
            Assert.DoesNotContain(name, body);
        }

        Assert.DoesNotContain("沈卫东", body);
        Assert.DoesNotContain("13912345678", body);
        Assert.DoesNotContain("主持讨论", body);
        var page = JsonDocument.Parse(body).RootElement;
        Assert.Equal("村党总支书记", page.GetProperty("chairRole").GetString());
        Assert.Equal((9, 7, true), (page.GetProperty("members").GetInt32(), page.GetProperty("present").GetInt32(), page.GetProperty("quorumReached").GetBoolean()));
        var item = page.GetProperty("items")[0];
        Assert.Equal(parking, item.GetProperty("caseId").GetString());
        Assert.Contains("[电话]", item.GetProperty("resolution").GetString());
        Assert.Equal((6, 1, 0), (item.GetProperty("votes").GetProperty("for").GetInt32(), item.GetProperty("votes").GetProperty("against").GetInt32(), item.GetProperty("votes").GetProperty("abstain").GetInt32()));
        var steps = item.GetProperty("steps").EnumerateArray().ToDictionary(s => s.GetProperty("step").GetString()!, s => s.TryGetProperty("at", out var at) ? at.GetDateTimeOffset() : (DateTimeOffset?)null);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.FromHours(8)), steps["Proposed"]);
        Assert.NotNull(steps["Discussed"]);
        Assert.Null(steps["Reviewed"]);
        Assert.NotNull(steps["Decided"]);
        Assert.NotNull(steps["DecisionPublished"]);
        Assert.Null(steps["ResultPublished"]);
        var review = item.GetProperty("review");
        Assert.Equal(0, review.GetProperty("objections").GetInt32());
        Assert.Equal((await _app.StateAsync(parking)).Decision!.ReviewEndsAt, review.GetProperty("reviewEndsAt").GetDateTimeOffset());

        var list = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/public/meetings?committee=v-zhangjing", DeliberationApp.Json);
        var summary = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal((id, 1), (summary.GetProperty("meetingId").GetString(), summary.GetProperty("adopted").GetInt32()));
    }

    [Fact]
    public async Task DeferredItem_IsCarriedToTheNextMeetingsBuiltAgenda()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000031");
        var first = (await _app.ScheduleAsync()).Id();
        var itemId = (await _app.OkAsync($"/api/meetings/{first}/agenda/build")).GetProperty("meeting").ItemFor(parking).GetProperty("itemId").GetString()!;
        await _app.PumpAsync();
        await _app.AdvanceAsync(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow());

        // Without quorum the meeting cannot vote, but it may put the item off.
        await _app.OkAsync($"/api/meetings/{first}/attendance", new { present = MeetingTestKit.Present(4) });
        var deferred = await _app.OkAsync($"/api/meetings/{first}/items/{itemId}/vote", new { outcome = "Deferred", resolution = "到会人数不足，下次会议再议" });
        await _app.PumpAsync();

        Assert.Equal("Deferred", deferred.ItemFor(parking).GetProperty("outcome").GetString());
        var waiting = await _app.StateAsync(parking);
        Assert.Equal(CaseStatus.InDeliberation, waiting.Status);
        Assert.Null(waiting.Meeting);
        Assert.Equal(1, waiting.DeliberationRound);

        var second = (await _app.ScheduleAsync(MeetingTestKit.MeetingAt.AddDays(7))).Id();
        var built = await _app.OkAsync($"/api/meetings/{second}/agenda/build");
        await _app.PumpAsync();

        Assert.Equal([parking], built.GetProperty("added").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal(1, built.GetProperty("meeting").ItemFor(parking).GetProperty("round").GetInt32());
        Assert.Equal(second, (await _app.StateAsync(parking)).Meeting?.MeetingId);
    }

    [Fact]
    public async Task ClosedMeeting_DefersTheItemItDidNotVoteOnAndItsCaseWaitsForTheNextMeeting()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000036");
        var id = (await _app.ScheduleAsync()).Id();
        await _app.OkAsync($"/api/meetings/{id}/agenda/build");
        await _app.PumpAsync();
        await _app.AdvanceAsync(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow());
        await _app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(MeetingTestKit.Members.Length) });

        var closed = await _app.OkAsync($"/api/meetings/{id}/close");
        await _app.PumpAsync();

        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        Assert.Equal("Deferred", closed.ItemFor(parking).GetProperty("outcome").GetString());
        var state = await _app.StateAsync(parking);
        Assert.Equal((CaseStatus.InDeliberation, null), (state.Status, state.Meeting));
        Assert.Equal(HttpStatusCode.Conflict, (await _app.PostAsync($"/api/meetings/{id}/items", new { title = "村道路灯维护" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.PostAsync($"/api/meetings/{id}/minutes", new { minutes = "会议因时间关系未对停车事项表决。" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.CreateClient().GetAsync($"/api/public/meetings/{id}")).StatusCode); // still public: it took place

        var next = (await _app.ScheduleAsync(MeetingTestKit.MeetingAt.AddDays(7))).Id();
        var built = await _app.OkAsync($"/api/meetings/{next}/agenda/build");
        Assert.Equal([parking], built.GetProperty("added").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task CancelledMeeting_SendsItsCasesBackToWaitingForTheNextMeeting()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000041");
        var id = (await _app.ScheduleAsync()).Id();
        await _app.OkAsync($"/api/meetings/{id}/agenda/build");
        await _app.PumpAsync();
        Assert.Equal(id, (await _app.StateAsync(parking)).Meeting?.MeetingId);

        var cancelled = await _app.OkAsync($"/api/meetings/{id}/cancel", new { reason = "台风预警，会议延期" });
        await _app.PumpAsync();

        Assert.Equal("Cancelled", cancelled.GetProperty("status").GetString());
        var state = await _app.StateAsync(parking);
        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Null(state.Meeting);
        Assert.Equal(1, await _app.CountTimelineAsync(parking, "OffAgenda"));
        Assert.Equal(HttpStatusCode.Conflict, (await _app.PostAsync($"/api/meetings/{id}/agenda/build")).StatusCode);

        // The case is free for the next meeting.
        var next = (await _app.ScheduleAsync(MeetingTestKit.MeetingAt.AddDays(7))).Id();
        var built = await _app.OkAsync($"/api/meetings/{next}/agenda/build");
        Assert.Equal([parking], built.GetProperty("added").EnumerateArray().Select(e => e.GetString()!).ToArray());
    }

    [Fact]
    public async Task RemovedItem_TakesItsCaseOffTheAgenda()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000051");
        var id = (await _app.ScheduleAsync()).Id();
        var added = await _app.OkAsync($"/api/meetings/{id}/items", new { caseId = parking, title = "东宅停车位施划" });
        var manual = await _app.OkAsync($"/api/meetings/{id}/items", new { title = "村规民约修订", text = "讨论养犬条款" });
        await _app.PumpAsync();
        var itemId = added.ItemFor(parking).GetProperty("itemId").GetString()!;
        Assert.Equal(2, manual.GetProperty("items").GetArrayLength());
        Assert.Equal(id, (await _app.StateAsync(parking)).Meeting?.MeetingId);

        var response = await _app.Clerk().DeleteAsync($"/api/meetings/{id}/items/{itemId}?reason=材料不全");
        await _app.PumpAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null((await _app.StateAsync(parking)).Meeting);
        var meeting = await _app.GetMeetingAsync(id);
        Assert.Equal(["村规民约修订"], meeting.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray());
    }

    [Fact]
    public async Task DecisionRecordedAfterTheCaseEscalatedAway_IsShownToStaffAsRefused()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000061");
        var id = (await _app.ScheduleAsync()).Id();
        var itemId = (await _app.OkAsync($"/api/meetings/{id}/agenda/build")).GetProperty("meeting").ItemFor(parking).GetProperty("itemId").GetString()!;
        await _app.PumpAsync();
        await _app.AdvanceAsync(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow());
        await _app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(9) });

        // Nobody records the decision in time: the case's public clock runs out and it escalates.
        await _app.AdvanceAsync(TimeSpan.FromDays(7));
        Assert.NotEqual(CaseStatus.InDeliberation, (await _app.StateAsync(parking)).Status);

        var late = await _app.OkAsync($"/api/meetings/{id}/items/{itemId}/vote", new { @for = 9, resolution = "同意施划停车位" });

        var refusal = late.ItemFor(parking).GetProperty("caseRefusal");
        Assert.Equal("decision", refusal.GetProperty("message").GetString());
        Assert.False(string.IsNullOrEmpty(refusal.GetProperty("reason").GetString()));
        Assert.Empty(late.GetProperty("pendingCaseMessages").EnumerateArray());
        Assert.Equal(1, (await _app.Clerk().GetFromJsonAsync<JsonElement>("/api/meetings?committee=v-zhangjing", DeliberationApp.Json)).GetProperty("past")[0].GetProperty("caseRefusals").GetInt32());
    }
}
