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
    }
}
