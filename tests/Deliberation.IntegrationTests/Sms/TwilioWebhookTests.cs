using System.Xml.Linq;
using Azure.Data.Tables;
using Deliberation.Channels.Sms;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests.Sms;

public sealed class TwilioWebhookTests : IAsyncLifetime
{
    private const string Token = "twilio-test-token";
    private const string Url = "http://localhost/api/sms/twilio";
    private const string Phone = "+8613912345678";
    private const string ServicePoint = "sp-zhangjing-dongzhai";

    private readonly DeliberationApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Channels:Sms:Twilio:AuthToken"] = Token,
        ["Channels:Sms:MaxMessagesPerMinute"] = "3",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignedSms_Suggestion_AnswersTwimlWithTheCaseNumber()
    {
        var response = await PostAsync(Form("SM0001", "东宅路口的垃圾桶满了好几天没人清运"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/xml", response.Content.Headers.ContentType?.MediaType);
        var message = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
        var caseId = Assert.Single(await CasesOfPhoneAsync()).CaseId;
        Assert.Contains($"编号{caseId}", message);
        var stored = await _app.GetCaseAsync(caseId);
        Assert.Equal("Sms", stored.GetProperty("channel").GetString());
    }

    [Fact]
    public async Task SignedSms_RedeliveredMessageSid_SameCase()
    {
        var first = await (await PostAsync(Form("SM0002", "桂花苑路灯不亮"))).Content.ReadAsStringAsync();
        var second = await (await PostAsync(Form("SM0002", "桂花苑路灯不亮"))).Content.ReadAsStringAsync();

        Assert.Equal(first, second);
        Assert.Single(await CasesOfPhoneAsync());
    }

    [Fact]
    public async Task SignatureOverDefaultPort_IsAccepted()
    {
        var form = Form("SM0003", "桂花苑路灯不亮");
        var response = await _app.CreateClient().SendAsync(Request(form, TwilioSignature.Compute(Token, "http://localhost:80/api/sms/twilio", form)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await CasesOfPhoneAsync());
    }

    [Theory]
    [InlineData("tampered")]
    [InlineData("other-token")]
    [InlineData("none")]
    public async Task BadSignature_Forbidden_NothingCreated(string kind)
    {
        var form = Form("SM0004", "桂花苑路灯不亮");
        var signature = kind switch
        {
            "tampered" => TwilioSignature.Compute(Token, Url, Form("SM0004", "别的内容")),
            "other-token" => TwilioSignature.Compute("other", Url, form),
            _ => null,
        };

        var response = await _app.CreateClient().SendAsync(Request(form, signature));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await CasesOfPhoneAsync());
        Assert.Empty(await RowsAsync(_app.Storage.Names.Intake));
        Assert.Empty(await RowsAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task OversizedBody_PayloadTooLarge_NothingCreated()
    {
        var response = await PostAsync(Form("SM0005", new string('路', 12_000)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await RowsAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task StatusQuery_AnswersStateAndUnit_CreatesNoCase()
    {
        await PostAsync(Form("SM0010", "东宅路口的垃圾桶满了好几天没人清运"));
        var caseId = Assert.Single(await CasesOfPhoneAsync()).CaseId;
        await _app.PumpAsync();

        var answer = await MessageAsync(await PostAsync(Form("SM0011", $"CX{caseId}")));

        Assert.Contains($"诉求{caseId}：已派单", answer);
        Assert.Contains("张泾村东宅巷邻坊", answer);
        Assert.Single(await CasesOfPhoneAsync());
    }

    [Fact]
    public async Task OptOutThenOptIn_IsRecordedAndConfirmed()
    {
        var residents = _app.Service<ResidentDirectory>();

        Assert.Contains("退订", await MessageAsync(await PostAsync(Form("SM0020", "TD"))));
        Assert.True(await residents.IsSmsOptedOutAsync(Phone, CancellationToken.None));

        Assert.Contains("恢复", await MessageAsync(await PostAsync(Form("SM0021", "订阅"))));
        Assert.False(await residents.IsSmsOptedOutAsync(Phone, CancellationToken.None));
        Assert.Empty(await CasesOfPhoneAsync());
    }

    [Fact]
    public async Task SurveyAnswer_RatesTheRespondedCase()
    {
        await PostAsync(Form("SM0030", "东宅路口的垃圾桶满了好几天没人清运"));
        var caseId = Assert.Single(await CasesOfPhoneAsync()).CaseId;
        await _app.PumpAsync();
        (await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint)).EnsureSuccessStatusCode();
        (await _app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply = "已清运。" })).EnsureSuccessStatusCode();
        await _app.PumpAsync();

        var answer = await MessageAsync(await PostAsync(Form("SM0031", "1")));

        Assert.Contains($"感谢您对诉求{caseId}的评价", answer);
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Rated"));
    }

    [Fact]
    public async Task SenderOverRateLimit_PoliteAnswer_NothingCreated()
    {
        string[] matters = ["桂花苑路灯不亮", "北埭的垃圾桶满了没人清运", "春晖路晚上广场舞太吵"];
        for (var i = 0; i < 3; i++)
        {
            await PostAsync(Form($"SM004{i}", matters[i]));
        }

        var answer = await MessageAsync(await PostAsync(Form("SM0049", "第4条建议：桂花苑路灯不亮")));

        Assert.Contains("过于频繁", answer);
        Assert.Equal(3, (await CasesOfPhoneAsync()).Count);
    }

    [Fact]
    public async Task SuggestionAnsweredByTwiML_IsNotAcknowledgedTwice()
    {
        var answer = await MessageAsync(await PostAsync(Form("SM0077", "桂花苑路灯不亮好几天了")));
        var caseId = Assert.Single(await CasesOfPhoneAsync()).CaseId;
        await _app.PumpAsync();

        Assert.Contains(caseId, answer);
        var notices = await _app.NotificationsAsync(caseId);
        Assert.DoesNotContain(notices, n => n.Template == NotificationTemplates.CaseReceived);
        Assert.Contains(notices, n => n.Template == NotificationTemplates.CaseDispatched && n.Audience == Deliberation.Domain.Workflow.Audience.Reporter);
    }

    private static List<KeyValuePair<string, string>> Form(string messageSid, string body) =>
    [
        new("ToCountry", "CN"),
        new("SmsMessageSid", messageSid),
        new("NumMedia", "0"),
        new("SmsSid", messageSid),
        new("SmsStatus", "received"),
        new("Body", body),
        new("To", "+8610690000"),
        new("NumSegments", "1"),
        new("MessageSid", messageSid),
        new("AccountSid", "AC00000000000000000000000000000000"),
        new("From", Phone),
        new("ApiVersion", "2010-04-01"),
    ];

    private static HttpRequestMessage Request(List<KeyValuePair<string, string>> form, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        if (signature is not null)
        {
            request.Headers.Add(TwilioSignature.Header, signature);
        }

        return request;
    }

    private Task<HttpResponseMessage> PostAsync(List<KeyValuePair<string, string>> form) =>
        _app.CreateClient().SendAsync(Request(form, TwilioSignature.Compute(Token, Url, form)));

    private static async Task<string> MessageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
    }

    private async Task<IReadOnlyList<ResidentCase>> CasesOfPhoneAsync()
    {
        var residents = _app.Service<ResidentDirectory>();
        return await residents.CasesAsync(residents.PhoneKey(Phone), 100, CancellationToken.None);
    }

    private async Task<List<TableEntity>> RowsAsync(string table)
    {
        var rows = new List<TableEntity>();
        try
        {
            await foreach (var row in _app.Table(table).QueryAsync<TableEntity>())
            {
                rows.Add(row);
            }
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            // Not created yet: empty.
        }

        return rows;
    }
}
