using System.Xml.Linq;
using Deliberation.Channels.Sms;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;

namespace Deliberation.IntegrationTests.Sms;

/// <summary>
/// Never miss an emergency, end to end: an SMS about danger is answered with the case number and "call 119/110/120
/// first", the dispatch centre's on-duty desk is texted at once, and a dispatcher settles a possible emergency in one action.
/// </summary>
public sealed class EmergencyTests : IAsyncLifetime
{
    private const string Token = "twilio-test-token";
    private const string Url = "http://localhost/api/sms/twilio";
    private const string Phone = "+8613912345601";
    private const string OnDutyPhone = "+8613800138999"; // demo-town.json: units.dispatch.onDuty

    private readonly DeliberationApp _app = new(settings: new Dictionary<string, string?> { ["Channels:Sms:Twilio:AuthToken"] = Token });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SmsGasLeakWithWorry_TwilioWebhook_AnswersCall119FirstAndAlertsTheOnDutyDesk()
    {
        var form = Form("SMEMERG1", "楼道里有很浓的煤气味，担心会爆炸");

        var response = await _app.CreateClient().SendAsync(Request(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
        var caseId = await LatestCaseAsync();
        Assert.Contains($"编号{caseId}", answer, StringComparison.Ordinal);
        Assert.Contains("119", answer, StringComparison.Ordinal);
        Assert.Contains("110", answer, StringComparison.Ordinal);
        Assert.Contains("120", answer, StringComparison.Ordinal);
        Assert.Contains("不是紧急救援渠道", answer, StringComparison.Ordinal);
        Assert.True(answer.IndexOf("119", StringComparison.Ordinal) < answer.IndexOf("编号", StringComparison.Ordinal), "the advice comes first");

        await _app.PumpAsync();

        var view = await _app.GetCaseAsync(caseId);
        Assert.Equal("Emergency", view.GetProperty("urgency").GetString());
        Assert.Equal("Dispatched", view.GetProperty("status").GetString());
        var alert = Assert.Single(await _app.NotificationsAsync(caseId), n => n.Audience == Audience.TownAlert);
        Assert.Equal((NotificationTemplates.Emergency, OnDutyPhone, Channel.Sms), (alert.Template, alert.To, alert.Channel));
    }

    [Fact]
    public async Task SmsOrdinary_TwilioWebhook_NoEmergencyAdviceAndNoAlert()
    {
        var response = await _app.CreateClient().SendAsync(Request(Form("SMORD1", "东宅路口的垃圾桶满了好几天没人清运")));

        var answer = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
        Assert.DoesNotContain("119", answer, StringComparison.Ordinal);
        var caseId = await LatestCaseAsync();
        await _app.PumpAsync();
        Assert.DoesNotContain(await _app.NotificationsAsync(caseId), n => n.Audience == Audience.TownAlert);
    }

    [Fact]
    public async Task HotlineFireWithHistory_WorkOrder_IsAnEmergencyAndTheCallerIsTextedTheAdvice()
    {
        var response = await _app.Operator().PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = "13800138001", text = "着火了！去年也着过一次" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal("Emergency", accepted.GetProperty("urgency").GetString());
        Assert.Contains("119", accepted.GetProperty("advice").GetString(), StringComparison.Ordinal);
        var caseId = accepted.GetProperty("caseId").GetString()!;
        await _app.PumpAsync();
        var received = Assert.Single(await _app.NotificationsAsync(caseId), n => n.Template == NotificationTemplates.CaseReceived);
        Assert.Contains("119", received.Text, StringComparison.Ordinal);
        Assert.Contains(caseId, received.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PossibleEmergency_DispatcherConfirms_BecomesAnEmergencyOnTheTimeline()
    {
        var caseId = await _app.FileWorkOrderAsync("楼下独居老人好几天没出门了，敲门没人应", place: null);
        await _app.PumpAsync();
        var before = await _app.GetCaseAsync(caseId);
        Assert.Equal("PossibleEmergency", before.GetProperty("urgency").GetString());
        Assert.Equal("dispatch", before.GetProperty("unit").GetProperty("id").GetString());
        var alert = Assert.Single(await _app.NotificationsAsync(caseId), n => n.Audience == Audience.TownAlert);
        Assert.Equal(NotificationTemplates.PossibleEmergency, alert.Template);
        Assert.Contains("疑似紧急", alert.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "urgency", "officer", "dispatch", new { action = "confirm" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(caseId, "urgency", "admin", "dispatch", new { action = "confirm" })).StatusCode);
        var bad = await _app.ActAsync(caseId, "urgency", "dispatcher", "dispatch", new { action = "maybe" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);

        var confirmed = await _app.ActAsync(caseId, "urgency", "dispatcher", "dispatch", new { action = "confirm", reason = "邻居确认老人倒地" });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("Emergency", (await _app.GetCaseAsync(caseId)).GetProperty("urgency").GetString());
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "EmergencyConfirmed"));
        Assert.Equal(HttpStatusCode.Conflict, (await _app.ActAsync(caseId, "urgency", "dispatcher", "dispatch", new { action = "confirm" })).StatusCode);
    }

    [Fact]
    public async Task Emergency_DispatcherDowngrades_RoutedAsAnOrdinaryCase()
    {
        var caseId = await _app.FileWorkOrderAsync("菜场门口卖烤红薯的炉子冒烟太大", place: null);
        await _app.PumpAsync();
        Assert.Equal("PossibleEmergency", (await _app.GetCaseAsync(caseId)).GetProperty("urgency").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await _app.ActAsync(caseId, "urgency", "dispatcher", "dispatch", new { action = "downgrade" })).StatusCode);
        var downgraded = await _app.ActAsync(caseId, "urgency", "dispatcher", "dispatch", new { action = "downgrade", reason = "摊贩烤红薯，非火情" });

        Assert.Equal(HttpStatusCode.OK, downgraded.StatusCode);
        var view = await _app.GetCaseAsync(caseId);
        Assert.Equal("Normal", view.GetProperty("urgency").GetString());
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Downgraded"));
        Assert.Equal(HttpStatusCode.Conflict, (await _app.ActAsync(caseId, "urgency", "dispatcher", "dispatch", new { action = "downgrade", reason = "again" })).StatusCode);
    }

    private static List<KeyValuePair<string, string>> Form(string messageSid, string body) =>
    [
        new("SmsMessageSid", messageSid),
        new("SmsSid", messageSid),
        new("MessageSid", messageSid),
        new("Body", body),
        new("To", "+8610690000"),
        new("From", Phone),
        new("AccountSid", "AC00000000000000000000000000000000"),
    ];

    private static HttpRequestMessage Request(List<KeyValuePair<string, string>> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(Token, Url, form));
        return request;
    }

    private async Task<string> LatestCaseAsync()
    {
        var residents = _app.Service<Deliberation.Storage.Residents.ResidentDirectory>();
        return (await residents.CasesAsync(residents.PhoneKey(Phone), 1, CancellationToken.None))[0].CaseId;
    }
}
