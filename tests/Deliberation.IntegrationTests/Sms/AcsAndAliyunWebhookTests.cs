using System.Text;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests.Sms;

public sealed class AcsAndAliyunWebhookTests : IAsyncLifetime
{
    private const string AcsKey = "acs-key";
    private const string AliyunKey = "aliyun-key";
    private FakeProviderServer _acs = null!;
    private DeliberationApp _app = null!;

    public async Task InitializeAsync()
    {
        _acs = await FakeProviderServer.StartAsync();
        _acs.Response = """{"value":[{"to":"+15555555555","messageId":"m1","httpStatusCode":202,"successful":true}]}""";
        _app = new DeliberationApp(settings: new Dictionary<string, string?>
        {
            ["Channels:Sms:Acs:WebhookKey"] = AcsKey,
            ["Channels:Sms:Acs:ConnectionString"] = $"endpoint={_acs.BaseAddress}/;accesskey={Convert.ToBase64String(new byte[32])}",
            ["Channels:Sms:Acs:From"] = "+18005551212",
            ["Channels:Sms:Aliyun:WebhookKey"] = AliyunKey,
        });
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _acs.DisposeAsync();
    }

    [Fact]
    public async Task EventGridValidation_WithKey_EchoesTheCode()
    {
        var response = await PostJsonAsync($"/api/sms/acs?code={AcsKey}", """[{"id":"v1","topic":"t","subject":"","data":{"validationCode":"512d38b6-c7b8-40c8-89fe-f46f9e9622b6"},"eventType":"Microsoft.EventGrid.SubscriptionValidationEvent","eventTime":"2018-01-25T22:12:19Z","metadataVersion":"1","dataVersion":"1"}]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("validationResponse").GetString());
    }

    [Theory]
    [InlineData("/api/sms/acs")]
    [InlineData("/api/sms/acs?code=wrong")]
    public async Task AcsWebhook_WithoutTheKey_Forbidden_NothingCreated(string path)
    {
        var response = await PostJsonAsync(path, SmsReceived("Incoming_1", "东宅路口的垃圾桶满了好几天没人清运"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await CasesAsync("+15555555555"));
    }

    [Fact]
    public async Task AcsSmsReceived_Redelivered_OneCaseAcknowledgedByTheWorkflow()
    {
        var body = SmsReceived("Incoming_2", "东宅路口的垃圾桶满了好几天没人清运");

        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync($"/api/sms/acs?code={AcsKey}", body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostJsonAsync($"/api/sms/acs?code={AcsKey}", body)).StatusCode);
        var caseId = Assert.Single(await CasesAsync("+15555555555")).CaseId;
        await _app.PumpAsync();

        var received = _acs.Requests.Where(r => r.Text.Contains(caseId, StringComparison.Ordinal) && r.Text.Contains("已受理", StringComparison.Ordinal)).ToList();
        Assert.Single(received);
        Assert.Contains("\"to\":\"+15555555555\"", received[0].Text);
    }

    [Fact]
    public async Task AcsStatusQuery_Redelivered_AnsweredOnceThroughTheProvider()
    {
        var body = SmsReceived("Incoming_3", "查询");

        await PostJsonAsync("/api/sms/acs", body, headerKey: AcsKey);
        await PostJsonAsync("/api/sms/acs", body, headerKey: AcsKey);

        var answer = Assert.Single(_acs.Requests);
        Assert.Equal("/sms?api-version=2021-03-07", answer.PathAndQuery);
        Assert.Contains("您还没有提交过诉求", answer.Text);
        Assert.Empty(await CasesAsync("+15555555555"));
    }

    [Fact]
    public async Task AcsMalformedDelivery_BadRequest()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync($"/api/sms/acs?code={AcsKey}", "{not json")).StatusCode);
    }

    [Fact]
    public async Task AliyunPush_Redelivered_AnswersReceivedAndMakesOneCase()
    {
        var body = """[{"phone_number":"13811112222","send_time":"2026-11-24 09:00:00","content":"桂花苑路灯不亮","sign_name":"新桥镇","dest_code":"1","sequence_id":1234567890}]""";

        var first = await PostJsonAsync($"/api/sms/aliyun?code={AliyunKey}", body);
        var second = await PostJsonAsync($"/api/sms/aliyun?code={AliyunKey}", body);

        Assert.Equal("""{"code":0,"msg":"接收成功"}""", await first.Content.ReadAsStringAsync());
        Assert.Equal("""{"code":0,"msg":"接收成功"}""", await second.Content.ReadAsStringAsync());
        var mine = await CasesAsync("+8613811112222");
        Assert.Equal(Deliberation.Domain.Workflow.Channel.Sms, Assert.Single(mine).Channel);
    }

    [Fact]
    public async Task AliyunOptOut_IsRecordedAndConfirmedByText()
    {
        var response = await PostJsonAsync($"/api/sms/aliyun?code={AliyunKey}", """[{"phone_number":"13811113333","content":"退订","sequence_id":77}]""");

        Assert.Equal("""{"code":0,"msg":"接收成功"}""", await response.Content.ReadAsStringAsync());
        Assert.True(await _app.Service<ResidentDirectory>().IsSmsOptedOutAsync("+8613811113333", CancellationToken.None));
        Assert.Contains("退订", Assert.Single(_acs.Requests).Text);
    }

    [Fact]
    public async Task AliyunPush_WithoutTheKey_Forbidden_NothingCreated()
    {
        var response = await PostJsonAsync("/api/sms/aliyun?code=nope", """[{"phone_number":"13811114444","content":"桂花苑路灯不亮","sequence_id":5}]""");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await CasesAsync("+8613811114444"));
    }

    [Fact]
    public async Task AliyunOversizedPush_PayloadTooLarge()
    {
        var content = new string('路', 30_000);
        var response = await PostJsonAsync($"/api/sms/aliyun?code={AliyunKey}", $$"""[{"phone_number":"13811115555","content":"{{content}}","sequence_id":6}]""");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await CasesAsync("+8613811115555"));
    }

    private static string SmsReceived(string id, string message) => $$"""
        [{"id":"{{id}}","topic":"/subscriptions/s/resourcegroups/g/providers/microsoft.communication/communicationservices/c","subject":"/phonenumber/15555555555",
          "data":{"MessageId":"{{id}}","From":"15555555555","To":"18005551212","Message":"{{message}}","ReceivedTimestamp":"2026-11-24T01:00:00Z"},
          "eventType":"Microsoft.Communication.SMSReceived","dataVersion":"1.0","metadataVersion":"1","eventTime":"2026-11-24T01:00:01Z"}]
        """;

    private async Task<HttpResponseMessage> PostJsonAsync(string path, string body, string? headerKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (headerKey is not null)
        {
            request.Headers.Add("x-functions-key", headerKey);
        }

        return await _app.CreateClient().SendAsync(request);
    }

    private async Task<IReadOnlyList<ResidentCase>> CasesAsync(string phone)
    {
        var residents = _app.Service<ResidentDirectory>();
        return await residents.CasesAsync(residents.PhoneKey(phone), 100, CancellationToken.None);
    }
}
