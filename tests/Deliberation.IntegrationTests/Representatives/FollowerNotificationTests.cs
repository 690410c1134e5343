using System.Text;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Digest;
using Deliberation.Storage.Notifications;
using static Deliberation.IntegrationTests.Representatives.RepresentativeClients;

namespace Deliberation.IntegrationTests.Representatives;

/// <summary>Followers hear of overdue cases at once and of milestones once a day, each of them once.</summary>
public sealed class FollowerNotificationTests : IAsyncLifetime
{
    private static readonly DateOnly Tuesday = DateOnly.FromDateTime(DeliberationApp.Start.DateTime);
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OverdueEscalation_ReachesEachRepresentativeOfTheVillageAndEachFollowerAtOnceAndOnce()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();
        Assert.Equal(HttpStatusCode.OK, (await _app.Operator().PostAsync($"/api/cases/{caseId}/follow", null)).StatusCode);

        await _app.AdvanceAsync(TimeSpan.FromMinutes(125)); // the committee did not acknowledge within 2 working hours
        await _app.SweepAsync();
        await _app.PumpAsync(); // redelivery changes nothing

        var overdue = (await _app.NotificationsAsync(caseId)).Where(n => n.Audience == Audience.Followers && n.Template == NotificationTemplates.CaseOverdue).ToList();
        // One escalation (committee → department): one text for each representative of 张泾村 and the operator who follows it.
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Escalated"));
        Assert.Equal([.. OfZhangjing, "user:op1"], overdue.Select(n => n.To).Order(StringComparer.Ordinal));
        Assert.StartsWith($"关注提醒：您关注的诉求{caseId}", Assert.Single(overdue, n => n.To == "rep:" + Yao).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Milestones_LandInTheDigestAndEachRecipientGetsOneTextADay()
    {
        var zhangjing = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        var hetang = await _app.FileWorkOrderAsync(RubbishAtNanzhai, Nanzhai);
        Assert.Equal(HttpStatusCode.OK, (await _app.Representative(Yao).PostAsync($"/api/cases/{hetang}/follow", null)).StatusCode);
        await _app.PumpAsync(); // both dispatched: 派单
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(hetang, "acknowledge", "officer", "sp-hetang-nanzhai")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(hetang, "respond", "officer", "sp-hetang-nanzhai", new { reply = "垃圾已清运。" })).StatusCode);
        await _app.PumpAsync(); // 办结

        var digest = _app.Service<DigestService>();
        await digest.SendAsync(Tuesday, CancellationToken.None);
        await digest.SendAsync(Tuesday, CancellationToken.None);

        var texts = await _app.NotificationsAsync(DigestService.KeyOf(Tuesday));
        Assert.Equal(texts.Count, texts.Select(t => t.To).Distinct().Count());
        var yao = Assert.Single(texts, t => t.To == "rep:" + Yao);
        Assert.Equal($"【新桥镇】关注诉求每日动态（11月24日）：派单2件：{zhangjing}、{hetang}；办结1件：{hetang}。", yao.Text);
        var jin = Assert.Single(texts, t => t.To == "rep:" + Jin);
        Assert.Equal($"【新桥镇】关注诉求每日动态（11月24日）：派单1件：{hetang}；办结1件：{hetang}。", jin.Text);
        Assert.Equal(
            [.. OfZhangjing.Append("rep:rep-jin-guoping").Append("rep:rep-zhu-xiuying").Order(StringComparer.Ordinal)],
            texts.Select(t => t.To).Order(StringComparer.Ordinal));
        Assert.All(texts, t => Assert.Equal(DigestService.Template, t.Template));
        Assert.DoesNotContain(await _app.NotificationsAsync(hetang), n => n.Template == NotificationTemplates.Milestone);
    }

    [Fact]
    public async Task Milestone_DeliveredTwice_IsOneDigestRowPerFollower()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();
        var store = _app.Service<DigestStore>();
        var before = (await store.DayAsync(Tuesday, CancellationToken.None)).Count;

        await MilestoneAsync(caseId, "Decided", "n1");
        await MilestoneAsync(caseId, "Decided", "n1");

        var rows = await store.DayAsync(Tuesday, CancellationToken.None);
        Assert.Equal(before + OfZhangjing.Length, rows.Count);
        Assert.Equal(OfZhangjing, rows.Where(r => r.Milestone == "Decided").Select(r => r.Recipient).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MilestoneAfterSixInTheEvening_WaitsForTomorrowsDigest()
    {
        _app.Clock.Advance(TimeSpan.FromHours(10)); // 19:00
        await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync(); // dispatched at 19:00

        Assert.Empty(await _app.Service<DigestStore>().DayAsync(Tuesday, CancellationToken.None));
        Assert.Equal(OfZhangjing, (await _app.Service<DigestStore>().DayAsync(Tuesday.AddDays(1), CancellationToken.None)).Select(r => r.Recipient).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DigestPreview_ShowsTheRepresentativesDayAndTimerFunctionSendsIt()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync(); // dispatched: 派单

        var preview = await _app.Representative(Yao).GetFromJsonAsync<JsonElement>($"/api/representatives/{Yao}/digest?date=2026-11-24", DeliberationApp.Json);
        Assert.Equal($"【新桥镇】关注诉求每日动态（11月24日）：派单1件：{caseId}。", preview.GetProperty("text").GetString());
        Assert.Equal(DeliberationApp.Start.AddHours(9), preview.GetProperty("sendsAt").GetDateTimeOffset());
        Assert.Equal(caseId, preview.GetProperty("entries")[0].GetProperty("caseId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await _app.Representative(Yao).GetAsync($"/api/representatives/{Yao}/digest?date=24.11.2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.Representative(Jin).GetAsync($"/api/representatives/{Yao}/digest")).StatusCode);

        // Before 18:00 the timer sends nothing of today; at 18:00 it does.
        Assert.True(await InvokeTimerAsync());
        Assert.Empty(await _app.NotificationsAsync(DigestService.KeyOf(Tuesday)));
        _app.Clock.Advance(TimeSpan.FromHours(9));
        Assert.True(await InvokeTimerAsync());
        Assert.Equal(OfZhangjing, (await _app.NotificationsAsync(DigestService.KeyOf(Tuesday))).Select(t => t.To).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UnitHeadNotice_GoesToTheHeadOfTheUnit()
    {
        var caseId = await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync();

        await SendAsync(new NotificationRequest($"{caseId}-head", caseId, Audience.UnitHead, NotificationTemplates.CaseSupervised, "v-zhangjing", new Dictionary<string, string> { ["caseId"] = caseId, ["by"] = Yao }, _app.Clock.GetUtcNow()));

        var notice = Assert.Single(await _app.NotificationsAsync(caseId), n => n.Audience == Audience.UnitHead);
        Assert.Equal("head:v-zhangjing", notice.To);
        Assert.Contains("人大代表姚建华", notice.Text, StringComparison.Ordinal);
    }

    private Task MilestoneAsync(string caseId, string milestone, string id) =>
        SendAsync(new NotificationRequest(
            $"{caseId}-{id}",
            caseId,
            Audience.Followers,
            NotificationTemplates.Milestone,
            null,
            new Dictionary<string, string> { ["caseId"] = caseId, ["milestone"] = milestone, ["status"] = milestone },
            _app.Clock.GetUtcNow()));

    /// <summary>Through the activity the case's orchestration runs for each notice.</summary>
    private async Task SendAsync(NotificationRequest request)
    {
        await _app.Service<Deliberation.Workflow.Cases.SendCaseNotification>().RunAsync(null!, Deliberation.Workflow.WorkflowJson.Write(request));
        await _app.PumpAsync();
    }

    /// <summary>One run of the digest timer; false when it failed.</summary>
    private async Task<bool> InvokeTimerAsync()
    {
        try
        {
            await _app.Service<DigestService>().RunAsync(_app.Clock.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (DigestIncompleteException)
        {
            return false;
        }
    }
}
