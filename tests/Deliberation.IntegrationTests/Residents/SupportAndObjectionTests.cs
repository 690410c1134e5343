using Deliberation.Domain.Workflow;

namespace Deliberation.IntegrationTests.Residents;

/// <summary>附议 and 异议 from residents on every channel, counted once per person, and refused with the reason when too late.</summary>
public sealed class SupportAndObjectionTests : IAsyncLifetime
{
    private const string Neighbour = "+8613912345001";
    private const string OtherNeighbour = "+8613912345002";
    private const string Reporter = "13700137001";

    private readonly DeliberationApp _app = new(settings: ResidentsVoice.Settings());

    private ResidentsVoice Voice => new(_app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SmsSupport_SamePhoneTwice_CountedOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难，车子停满了消防通道", "张泾村东宅", phone: Reporter);
        await _app.PumpAsync();

        var first = await Voice.TextAsync(Neighbour, $"附议{caseId}");
        var again = await Voice.TextAsync(Neighbour, $"FY {caseId}");

        Assert.Contains($"已收到您的附议，诉求{caseId}目前共2位居民支持", first);
        Assert.Contains($"您已附议过诉求{caseId}", again);
        Assert.Contains("目前共2位居民支持", again);
        var staff = await _app.GetCaseAsync(caseId);
        Assert.Equal(1, staff.GetProperty("supporters").GetInt32());
        Assert.Equal(2, staff.GetProperty("support").GetInt32());
        Assert.Equal(2, (await Voice.PublicViewAsync(caseId)).GetProperty("support").GetInt32());
    }

    [Fact]
    public async Task SmsSupport_ByTheCasesOwnReporter_AnsweredAsAlreadyCounted()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难，车子停满了消防通道", "张泾村东宅", phone: Reporter);
        await _app.PumpAsync();

        var answer = await Voice.TextAsync("+86" + Reporter, $"附议{caseId}");

        Assert.Contains($"您是诉求{caseId}的反映人，已计入支持人数", answer);
        Assert.Equal(0, (await _app.GetCaseAsync(caseId)).GetProperty("supporters").GetInt32());
    }

    [Fact]
    public async Task SmsSupport_ThenTheSamePhoneReportsTheSameMatter_CountsTheResidentOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难，车子停满了消防通道", "张泾村东宅", phone: Reporter);
        await _app.PumpAsync();
        await Voice.TextAsync(Neighbour, $"附议{caseId}");
        _app.Clock.Advance(TimeSpan.FromHours(1));

        var joined = await _app.Service<Storage.Intake.IntakeService>().SubmitAsync(
            new Storage.Intake.IntakeRequest(Channel.Sms, "SM-support-then-report", new Storage.Reporter(Channel.Sms, Neighbour, null), "东宅小区晚上停车难，消防通道都被车堵了"),
            CancellationToken.None);
        await _app.PumpAsync();

        Assert.Equal((caseId, true), (joined.CaseId, joined.Joined));
        var staff = await _app.GetCaseAsync(caseId);
        // One neighbour, first a supporter, now a reporter: two residents in all, as before the report.
        Assert.Equal((2, 0, 2), (staff.GetProperty("reporterCount").GetInt32(), staff.GetProperty("supporters").GetInt32(), staff.GetProperty("support").GetInt32()));
    }

    [Fact]
    public async Task Support_UnknownCase_AnsweredNotFound()
    {
        Assert.Contains("未找到编号为209901010001的诉求", await Voice.TextAsync(Neighbour, "附议209901010001"));
        Assert.Contains("未找到编号为209901010001的诉求", await Voice.WeChatAsync("oNeighbour_support_unknown", "附议209901010001"));
    }

    [Fact]
    public async Task Objection_ByWeChatPublicApiAndSms_CountsOncePerPerson()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(Reporter);
        var decided = await Voice.DecidedAsync(caseId);
        var needed = decided.Decision!.ObjectionsToReopen;
        Assert.True(needed > 2, "the demo town needs more than two objections to reopen a decision");

        var byWeChat = await Voice.WeChatAsync("oNeighbour_objects_0001", $"异议{caseId} 村道东侧划车位会挡住农机进出");
        var byWeChatAgain = await Voice.WeChatAsync("oNeighbour_objects_0001", $"YY{caseId} 再说一次：挡住农机进出");
        var online = await Voice.ObjectOnlineAsync(caseId, new { phone = "139 1234 5002", reason = "临时停车位离我家窗户太近，晚上噪音大" });
        _app.Clock.Advance(TimeSpan.FromMinutes(1)); // one code per mobile and minute
        var onlineAgain = await Voice.ObjectOnlineAsync(caseId, new { phone = "+86 13912345002", reason = "再提一次" });
        var samePersonBySms = await Voice.TextAsync(OtherNeighbour, $"异议{caseId} 噪音大");

        Assert.Contains($"已收到您对诉求{caseId}决议的异议（1/{needed}）", byWeChat);
        Assert.Contains($"您已对诉求{caseId}的决议提出过异议", byWeChatAgain);
        Assert.Equal(HttpStatusCode.OK, online.StatusCode);
        var receipt = await online.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal(2, receipt.GetProperty("objections").GetInt32());
        Assert.Equal(needed, receipt.GetProperty("needed").GetInt32());
        Assert.False(receipt.GetProperty("alreadyCounted").GetBoolean());
        Assert.Equal(decided.Decision.ReviewEndsAt, receipt.GetProperty("reviewEndsAt").GetDateTimeOffset());
        var again = await onlineAgain.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal(HttpStatusCode.OK, onlineAgain.StatusCode);
        Assert.True(again.GetProperty("alreadyCounted").GetBoolean());
        Assert.Equal(2, again.GetProperty("objections").GetInt32());
        Assert.Contains($"您已对诉求{caseId}的决议提出过异议", samePersonBySms);
        var state = await Voice.StateAsync(caseId);
        Assert.Equal(CaseStatus.DecisionReview, state.Status);
        Assert.Equal(2, state.Decision!.Objections);
        var view = await Voice.PublicViewAsync(caseId);
        Assert.Equal(2, view.GetProperty("decision").GetProperty("objections").GetInt32());
        Assert.Equal($"决议公示至{ResidentsVoice.Day(state.Decision.ReviewEndsAt)}，期间可回复“异议{caseId} 理由”提出异议", view.GetProperty("decision").GetProperty("line").GetString());
    }

    [Fact]
    public async Task Objection_WithoutAReason_ExplainsHowAndCountsNothing()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(Reporter);
        await Voice.DecidedAsync(caseId);

        var answer = await Voice.TextAsync(Neighbour, $"异议{caseId}");

        Assert.Contains($"请在编号后写明异议理由，例如回复“异议{caseId} ", answer);
        Assert.Equal(0, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task Objection_AfterTheReviewEnded_RefusedSayingTheDecisionStandsAndWhenTheReviewEnded()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(Reporter);
        var decided = await Voice.DecidedAsync(caseId);
        await _app.AdvanceAsync(decided.Decision!.ReviewEndsAt - _app.Clock.GetUtcNow() + TimeSpan.FromHours(1));

        var bySms = await Voice.TextAsync(Neighbour, $"异议{caseId} 我才看到公示，不同意");
        var online = await Voice.ObjectOnlineAsync(caseId, new { phone = "13912345003", reason = "我才看到公示，不同意" });

        var ended = ResidentsVoice.Day(decided.Decision.ReviewEndsAt);
        Assert.Contains($"诉求{caseId}的决议公示已于{ended}结束，决议维持不变，不再受理异议", bySms);
        Assert.Equal(HttpStatusCode.Conflict, online.StatusCode);
        var problem = await online.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Contains($"公示已于{ended}结束", problem.GetProperty("detail").GetString());
        Assert.Equal(0, (await Voice.StateAsync(caseId)).Decision!.Objections);
        var view = await Voice.PublicViewAsync(caseId);
        Assert.Equal("决议实施中", view.GetProperty("implementation").GetProperty("line").GetString());
        Assert.Equal("张泾村村民委员会", view.GetProperty("implementation").GetProperty("responsibleUnit").GetString());
        Assert.Equal($"决议公示已于{ended}结束，决议维持不变", view.GetProperty("decision").GetProperty("line").GetString());
    }

    [Fact]
    public async Task SmsSupport_ReachingTheCommitteesThreshold_PutsTheCaseOnItsAgendaAndSaysSo()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难，车子停满了消防通道", "张泾村东宅", phone: Reporter);
        await _app.PumpAsync();
        var town = _app.Service<Deliberation.Storage.Directory.TownState>().Context;
        var threshold = town.Directory.FindUnit(ResidentsVoice.Committee)!.Committee?.SupportToRefer ?? town.Policy.SupportToRefer;

        var answers = new List<string>();
        for (var i = 1; i < threshold; i++)
        {
            answers.Add(await Voice.TextAsync($"+86139123451{i:D2}", $"附议{caseId}"));
        }

        Assert.All(answers.SkipLast(1), a => Assert.DoesNotContain("议事会审议", a));
        Assert.Contains($"诉求{caseId}目前共{threshold}位居民支持，已提交张泾村村民委员会议事会审议", answers[^1]);
        Assert.Equal("InDeliberation", await _app.StatusOfAsync(caseId));
        Assert.StartsWith("待列入议事会议程，最迟", (await Voice.PublicViewAsync(caseId)).GetProperty("deliberation").GetProperty("line").GetString());
    }

    [Fact]
    public async Task OnlineObjections_ReachingTheCommitteesThreshold_ReopenTheDecisionAndTheLastIsToldSo()
    {
        var caseId = await Voice.ReferredParkingCaseAsync(Reporter);
        var needed = (await Voice.DecidedAsync(caseId)).Decision!.ObjectionsToReopen;

        var receipts = new List<JsonElement>();
        for (var i = 1; i <= needed; i++)
        {
            var response = await Voice.ObjectOnlineAsync(caseId, new { phone = $"1391234{5200 + i}", reason = "划线位置不合理" });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            receipts.Add(await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json));
        }

        var late = await Voice.WeChatAsync("oNeighbour_objects_late", $"异议{caseId} 我也反对");

        Assert.Equal(Enumerable.Range(1, needed), receipts.Select(r => r.GetProperty("objections").GetInt32()));
        Assert.True(receipts[^1].GetProperty("reopened").GetBoolean());
        Assert.Contains("异议已达到规定人数，该事项将重新提交议事会审议", receipts[^1].GetProperty("message").GetString());
        Assert.Equal($"诉求{caseId}的决议已因居民异议重新提交议事会审议，无需再提出异议。", late);
        var view = await Voice.PublicViewAsync(caseId);
        Assert.Equal("InDeliberation", view.GetProperty("status").GetString());
        Assert.Equal("因居民异议达到规定人数，决议已重新提交议事会审议", view.GetProperty("decision").GetProperty("line").GetString());
        Assert.StartsWith("待列入议事会议程", view.GetProperty("deliberation").GetProperty("line").GetString());
    }
}
