using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.IntegrationTests.Meetings;
using Deliberation.IntegrationTests.Residents;
using Deliberation.IntegrationTests.Representatives;
using Deliberation.Storage.Digest;

namespace Deliberation.IntegrationTests;

/// <summary>
/// Issue 5's "done means", in the demo town through the real channels and endpoints: three residents' reports about
/// parking put the case on 张泾村's agenda; the meeting has quorum and adopts it; the decision is published; a late
/// objection fails; the committee carries it out; the reporters and the village's representative hear of each step.
/// </summary>
public sealed class DemoTownDeliberationTests : IAsyncLifetime
{
    private const string Committee = "v-zhangjing";
    private const string Yao = "rep:rep-yao-jianhua"; // 人大代表姚建华, whose constituency is 张泾村
    private const string CallerPhone = "13900000011";
    private const string SmsResident = "+8613900000012";
    private const string WeChatResident = "oParking_resident_3";

    private readonly DeliberationApp _app = new(settings: ResidentsVoice.Settings());

    private ResidentsVoice Voice => new(_app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ParkingReportedByThreeResidents_ThroughMeetingReviewAndImplementation_ReportersAndRepresentativeToldAtEachStep()
    {
        // 1. Three residents, three channels: the second and third reports join the first; the third puts it on the agenda.
        var caseId = await _app.FileWorkOrderAsync("东宅村道上车辆乱停乱放，经常把路堵死", "张泾村东宅", phone: CallerPhone);
        await _app.PumpAsync();
        Assert.Equal((CaseStatus.Dispatched, Committee), await StatusAndUnitAsync(caseId));
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Contains(caseId, await Voice.TextAsync(SmsResident, "东宅村道上车子乱停乱放，路经常被堵死"));
        await _app.PumpAsync();
        Assert.Equal(CaseStatus.Dispatched, (await Voice.StateAsync(caseId)).Status);
        _app.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Contains(caseId, await Voice.WeChatAsync(WeChatResident, "东宅村道车辆乱停乱放，路老是被堵死") ?? "");
        await _app.PumpAsync();

        var referred = await Voice.StateAsync(caseId);
        Assert.Equal((CaseStatus.InDeliberation, Committee, 3), (referred.Status, referred.Committee, referred.ReporterCount));
        await AllThreeToldAsync(caseId, NotificationTemplates.CaseReferred);
        Assert.Contains("待列入议事会议程", (await Voice.PublicViewAsync(caseId)).GetProperty("deliberation").GetProperty("line").GetString());

        // 2. The committee schedules a meeting; its agenda is built from the referred case and sent in advance.
        var meeting = await _app.ScheduleAsync();
        var meetingId = meeting.Id();
        await _app.OkAsync($"/api/meetings/{meetingId}/agenda/build");
        await _app.OkAsync($"/api/meetings/{meetingId}/notify");
        await _app.PumpAsync();
        await AllThreeToldAsync(caseId, NotificationTemplates.CaseOnAgenda);
        Assert.Contains(await _app.NotificationsAsync(meetingId), n => n.To == Yao);
        var clock = (await Voice.PublicViewAsync(caseId)).GetProperty("deliberation").GetProperty("line").GetString()!;
        Assert.Contains("11月26日", clock); // "to be decided at the meeting of 26 November, decision published by …"
        var itemId = (await _app.GetMeetingAsync(meetingId)).ItemFor(caseId).GetProperty("itemId").GetString()!;

        // 3. The meeting: seven of nine present (quorum is six), six for, one against: adopted, and published for review.
        _app.Clock.Advance(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow() + TimeSpan.FromMinutes(30));
        await _app.OkAsync($"/api/meetings/{meetingId}/attendance", new { present = MeetingTestKit.Present(7) });
        await _app.OkAsync(
            $"/api/meetings/{meetingId}/items/{itemId}/vote",
            new { @for = 6, against = 1, abstain = 0, resolution = "在张泾路东侧施划停车位30个，西侧禁止停车，由村委会组织施划。" });
        await _app.PumpAsync();

        var decided = await Voice.StateAsync(caseId);
        Assert.Equal(CaseStatus.DecisionReview, decided.Status);
        Assert.Equal(DeliberationOutcome.Adopted, decided.Decision!.Outcome);
        await AllThreeToldAsync(caseId, NotificationTemplates.DecisionPublished);
        var publicMeeting = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/meetings/{meetingId}", DeliberationApp.Json);
        Assert.Equal("Adopted", publicMeeting.GetProperty("items")[0].GetProperty("outcome").GetString());
        var publicDecision = (await Voice.PublicViewAsync(caseId)).GetProperty("decision");
        Assert.Contains("施划停车位30个", publicDecision.GetProperty("resolution").GetString());

        // 4. The review runs its seven days; an objection after it fails and the decision stands.
        await _app.AdvanceAsync(decided.Decision.ReviewEndsAt - _app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
        var late = await Voice.TextAsync("+8613900000099", $"异议{caseId} 停车位离我家太近");
        Assert.Contains("决议维持不变", late);
        var implementing = await Voice.StateAsync(caseId);
        Assert.Equal((CaseStatus.Dispatched, true, Committee), (implementing.Status, implementing.Implementation, implementing.UnitId));
        Assert.Equal(0, implementing.Decision!.Objections);
        await AllThreeToldAsync(caseId, NotificationTemplates.ImplementationDispatched);

        // 5. The committee carries it out; the result is published as the second 公开.
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "acknowledge", "officer", Committee)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "respond", "officer", Committee, new { reply = "已在张泾路东侧施划停车位30个，西侧设禁停标志。" })).StatusCode);
        await _app.PumpAsync();
        await AllThreeToldAsync(caseId, NotificationTemplates.ImplementationDone);
        await _app.AdvanceAsync(TimeSpan.FromDays(2)); // the reply's review before publication
        var published = await Voice.StateAsync(caseId);
        Assert.Equal(CaseStatus.PublicReview, published.Status);
        Assert.NotNull(published.Decision!.ResultPublishedAt);
        await AllThreeToldAsync(caseId, NotificationTemplates.ImplementationPublished);
        var steps = (await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/meetings/{meetingId}", DeliberationApp.Json))
            .GetProperty("items")[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("step").GetString()).ToList();
        Assert.Contains("DecisionPublished", steps);
        Assert.Contains("ResultPublished", steps);

        // 6. The village's representative followed it throughout: agenda in advance (above), then each milestone in the daily digest.
        var digest = _app.Service<DigestService>();
        var milestones = new List<string>();
        foreach (var day in Days(DeliberationApp.Start, _app.Clock.GetUtcNow()))
        {
            await digest.SendAsync(day, CancellationToken.None);
            milestones.AddRange((await _app.NotificationsAsync(DigestService.KeyOf(day))).Where(n => n.To == Yao && n.Text.Contains(caseId, StringComparison.Ordinal)).Select(n => n.Text));
        }

        var told = string.Join("\n", milestones);
        Assert.Contains("派单", told);
        Assert.Contains("议定", told);
        Assert.Contains("办结", told);
        Assert.NotNull((await _app.CasebookAsync("rep-yao-jianhua")).Find(caseId));
    }

    /// <summary>The hotline caller, the SMS resident and the WeChat follower each received the notice, once.</summary>
    private async Task AllThreeToldAsync(string caseId, string template)
    {
        var recipients = (await _app.NotificationsAsync(caseId)).Where(n => n.Audience == Audience.Reporter && n.Template == template).Select(n => n.To).ToList();
        Assert.True(recipients.Count == 3 && recipients.Distinct().Count() == 3, $"{template}: sent to {recipients.Count} ({string.Join(", ", recipients.Select(r => r.Length > 6 ? r[..6] : r))})");
        // The development outbox keeps recipients masked: the caller and the SMS resident by number, the follower by OpenID.
        Assert.Equal(["139****0011", "139****0012", "oPa****t_3"], recipients.Order(StringComparer.Ordinal));
    }

    private async Task<(CaseStatus, string?)> StatusAndUnitAsync(string caseId)
    {
        var state = await Voice.StateAsync(caseId);
        return (state.Status, state.UnitId);
    }

    private static IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).Date); day <= DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).Date); day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
