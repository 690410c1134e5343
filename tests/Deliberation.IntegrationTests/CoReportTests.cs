using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Intake;

namespace Deliberation.IntegrationTests;

/// <summary>并单/附议: the same matter reported by several residents is one case with many reporters.</summary>
public sealed class CoReportTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SameBlockedDrain_FromHotlineSmsAndWeChat_IsOneCaseWithThreeReporters()
    {
        var intake = _app.Service<IntakeService>();
        var first = await _app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000001");
        await _app.PumpAsync();
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var bySms = await intake.SubmitAsync(new IntakeRequest(Channel.Sms, "SM-drain-2", new Reporter(Channel.Sms, "+8613900000002", null), "东宅路口下水道堵塞，脏水流了一地"), CancellationToken.None);
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var byWeChat = await intake.SubmitAsync(new IntakeRequest(Channel.WeChat, "wx-msg-3", new Reporter(Channel.WeChat, null, "o6_bmjrPTlm6_2sgVt7hMZOPfL2M"), "东宅那边路口的下水道又堵了，污水漫出来"), CancellationToken.None);
        await _app.PumpAsync();

        Assert.True(bySms.Joined);
        Assert.True(byWeChat.Joined);
        Assert.Equal(first, bySms.CaseId);
        Assert.Equal(first, byWeChat.CaseId);
        var staffView = await _app.GetCaseAsync(first);
        Assert.Equal(3, staffView.GetProperty("reporterCount").GetInt32());
        Assert.True(staffView.GetProperty("highPriority").GetBoolean());
        Assert.Equal(2, staffView.GetProperty("coReports").GetArrayLength());
        var publicView = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{first}");
        Assert.Equal(3, publicView.GetProperty("reporters").GetInt32());
        Assert.Contains(await _app.NotificationsAsync(first), n => n.Template == NotificationTemplates.CasePriorityRaised && n.Audience == Audience.Unit);

        // Every co-reporter hears the outcome, each on their own channel.
        var unit = staffView.GetProperty("unit").GetProperty("id").GetString()!;
        var ack = await _app.ActAsync(first, "acknowledge", "officer", unit);
        Assert.True(ack.IsSuccessStatusCode, await ack.Content.ReadAsStringAsync());
        var respond = await _app.ActAsync(first, "respond", "officer", unit, new { reply = "已疏通下水道并清理路面。" });
        Assert.True(respond.IsSuccessStatusCode, await respond.Content.ReadAsStringAsync());
        await _app.PumpAsync();
        var answers = (await _app.NotificationsAsync(first)).Where(n => n.Template == NotificationTemplates.CaseResponded).ToList();
        Assert.Equal(3, answers.Count);
        Assert.Equal(2, answers.Count(a => a.Channel == Channel.Sms));
        Assert.Single(answers, a => a.Channel == Channel.WeChat);
    }

    [Fact]
    public async Task Reply_WithTheFirstReportersDetails_ReachesCoReportersRedacted()
    {
        var intake = _app.Service<IntakeService>();
        var first = await _app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000011");
        await _app.PumpAsync();
        var co = await intake.SubmitAsync(new IntakeRequest(Channel.Sms, "SM-drain-co", new Reporter(Channel.Sms, "+8613900000012", null), "东宅路口下水道堵塞，脏水流了一地"), CancellationToken.None);
        await _app.PumpAsync();
        Assert.True(co.Joined);
        var unit = (await _app.GetCaseAsync(first)).GetProperty("unit").GetProperty("id").GetString()!;
        (await _app.ActAsync(first, "acknowledge", "officer", unit)).EnsureSuccessStatusCode();

        // The reply is written to the first reporter: their house number and mobile.
        var reply = "您好，已安排人员到东宅12号疏通门前的下水道，如有问题请致电13900000011联系我们。";
        (await _app.ActAsync(first, "respond", "officer", unit, new { reply })).EnsureSuccessStatusCode();
        await _app.PumpAsync();

        var answers = (await _app.NotificationsAsync(first)).Where(n => n.Template == "case-responded").ToList();
        var toFirst = Assert.Single(answers, a => a.To == "139****0011");
        var toCoReporter = Assert.Single(answers, a => a.To != "139****0011");
        Assert.Contains("13900000011", toFirst.Text, StringComparison.Ordinal);
        Assert.Contains("东宅12号", toFirst.Text, StringComparison.Ordinal);
        Assert.Contains("疏通门前的下水道", toCoReporter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13900000011", toCoReporter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("12号", toCoReporter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reply_NamingTheResidentsWithoutACue_ReachesCoReportersAndThePublicWithoutTheirNames()
    {
        var intake = _app.Service<IntakeService>();
        var first = await _app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上。我叫张建国", "张泾村东宅", phone: "13900000021");
        await _app.PumpAsync();
        var co = await intake.SubmitAsync(new IntakeRequest(Channel.Sms, "SM-drain-named", new Reporter(Channel.Sms, "+8613900000022", null), "东宅路口的下水道堵了，污水漫到路上。我叫李秀英"), CancellationToken.None);
        await _app.PumpAsync();
        Assert.True(co.Joined);
        var unit = (await _app.GetCaseAsync(first)).GetProperty("unit").GetProperty("id").GetString()!;
        (await _app.ActAsync(first, "acknowledge", "officer", unit)).EnsureSuccessStatusCode();

        // The names the residents gave come back in the reply with no cue word before them, and a full-width number.
        var reply = "张建国反映的下水道已疏通，李秀英所说的路面已清理。如有问题请致电１３９ ００００ ００２１。";
        (await _app.ActAsync(first, "respond", "officer", unit, new { reply })).EnsureSuccessStatusCode();
        await _app.PumpAsync();

        var answers = (await _app.NotificationsAsync(first)).Where(n => n.Template == NotificationTemplates.CaseResponded).ToList();
        var toFirst = Assert.Single(answers, a => a.To == "139****0021");
        var toCoReporter = Assert.Single(answers, a => a.To == "139****0022");
        Assert.Contains(reply, toFirst.Text, StringComparison.Ordinal);
        Assert.Contains("[姓名]反映的下水道已疏通，[姓名]所说的路面已清理。如有问题请致电[电话]。", toCoReporter.Text, StringComparison.Ordinal);

        await _app.AdvanceAsync(TimeSpan.FromDays(2));
        var publicView = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{first}");
        Assert.Equal("[姓名]反映的下水道已疏通，[姓名]所说的路面已清理。如有问题请致电[电话]。", publicView.GetProperty("reply").GetString());
    }

    [Fact]
    public async Task SameResidentWritingAgain_AboutTheirOwnCase_IsNotASecondReporter()
    {
        var first = await _app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000001");
        var again = await _app.Service<IntakeService>().SubmitAsync(new IntakeRequest(Channel.Sms, "SM-again", new Reporter(Channel.Sms, "+86 139 0000 0001", null), "东宅路口下水道堵塞，脏水流了一地"), CancellationToken.None);

        Assert.Equal(first, again.CaseId);
        Assert.Equal(1, (await _app.GetCaseAsync(first)).GetProperty("reporterCount").GetInt32());
    }

    [Fact]
    public async Task CoReporterWritingTwice_IsCountedOnce()
    {
        var intake = _app.Service<IntakeService>();
        var first = await _app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000001");
        await intake.SubmitAsync(new IntakeRequest(Channel.Sms, "SM-a", new Reporter(Channel.Sms, "13900000002", null), "东宅路口下水道堵塞，脏水流了一地"), CancellationToken.None);
        var again = await intake.SubmitAsync(new IntakeRequest(Channel.Sms, "SM-b", new Reporter(Channel.Sms, "13900000002", null), "东宅路口下水道还是堵着，污水漫到路上"), CancellationToken.None);

        Assert.Equal(first, again.CaseId);
        Assert.Equal(2, (await _app.GetCaseAsync(first)).GetProperty("reporterCount").GetInt32());
    }

    [Fact]
    public async Task SameComplaintAboutAnotherHamlet_IsACaseOfItsOwn()
    {
        var first = await _app.FileWorkOrderAsync("东宅的垃圾桶满了没人清运", "张泾村东宅", phone: "13900000001");
        var second = await _app.FileWorkOrderAsync("北埭的垃圾桶满了没人清运", "北埭", phone: "13900000002");

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task WrongMerge_SplitByStaff_BecomesItsOwnCaseAndLeavesTheFirst()
    {
        var first = await _app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000001");
        var joined = await _app.Service<IntakeService>().SubmitAsync(new IntakeRequest(Channel.Sms, "SM-x", new Reporter(Channel.Sms, "13900000002", null), "东宅路口下水道堵塞，脏水流了一地"), CancellationToken.None);
        Assert.Equal(first, joined.CaseId);
        var key = (await _app.GetCaseAsync(first)).GetProperty("coReports")[0].GetProperty("key").GetString();

        var response = await _app.ActAsync(first, "split", "dispatcher", "dispatch", new { reporterKey = key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newCase = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("newCaseId").GetString();

        Assert.NotEqual(first, newCase);
        var after = await _app.GetCaseAsync(first);
        Assert.Equal(1, after.GetProperty("reporterCount").GetInt32());
        Assert.Equal(0, after.GetProperty("coReports").GetArrayLength());
        Assert.Contains("下水道堵塞", (await _app.GetCaseAsync(newCase!)).GetProperty("text").GetString());
    }
}
