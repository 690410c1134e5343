using System.Security.Cryptography;
using System.Text;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;

namespace Deliberation.IntegrationTests.Sms;

/// <summary>The real senders against fake provider servers: the exact requests ACS and Twilio would receive.</summary>
public sealed class SmsSenderTests
{
    private const string Phone = "+8613912345678";

    [Fact]
    public async Task AcsSender_ReporterText_IsTheSignedRestRequest()
    {
        await using var acs = await FakeProviderServer.StartAsync();
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var app = new DeliberationApp(settings: new Dictionary<string, string?>
        {
            ["Channels:Sms:Acs:ConnectionString"] = $"endpoint={acs.BaseAddress}/;accesskey={key}",
            ["Channels:Sms:Acs:From"] = "+18005551212",
        });

        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅", phone: Phone);
        await app.PumpAsync();

        var texts = acs.Requests.ToList();
        Assert.Equal(2, texts.Count); // case-received and case-dispatched
        var received = Assert.Single(texts, t => t.Text.Contains("已受理", StringComparison.Ordinal));
        Assert.Equal("POST", received.Method);
        Assert.Equal("/sms?api-version=2021-03-07", received.PathAndQuery);
        Assert.Equal(
            $$$"""{"from":"+18005551212","smsRecipients":[{"to":"{{{Phone}}}"}],"message":"【新桥镇】您的诉求已受理，编号{{{caseId}}}。回复“CX{{{caseId}}}”可查询办理进度。详情：http://localhost:7071/c/{{{caseId}}}","smsSendOptions":{"enableDeliveryReport":false}}""",
            received.Text);
        Assert.Equal("application/json", received.Headers["Content-Type"]);

        // The signature, recomputed here from the request as received.
        var date = received.Headers["x-ms-date"];
        Assert.Equal(app.Clock.GetUtcNow(), DateTimeOffset.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        var hash = Convert.ToBase64String(SHA256.HashData(received.Body));
        Assert.Equal(hash, received.Headers["x-ms-content-sha256"]);
        var host = new Uri(acs.BaseAddress).Authority;
        Assert.Equal(host, received.Headers["Host"]);
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(key), Encoding.UTF8.GetBytes($"POST\n/sms?api-version=2021-03-07\n{date};{host};{hash}")));
        Assert.Equal($"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}", received.Headers["Authorization"]);
    }

    [Fact]
    public async Task TwilioSender_ReporterText_IsTheAuthenticatedFormPost()
    {
        await using var twilio = await FakeProviderServer.StartAsync();
        twilio.Status = 201;
        await using var app = new DeliberationApp(settings: new Dictionary<string, string?>
        {
            ["Channels:Sms:Twilio:AccountSid"] = "AC0123456789",
            ["Channels:Sms:Twilio:AuthToken"] = "tok",
            ["Channels:Sms:Twilio:From"] = "+15005550006",
            ["Channels:Sms:Twilio:ApiBaseUrl"] = twilio.BaseAddress,
        });

        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅", phone: Phone);
        await app.PumpAsync();

        var received = Assert.Single(twilio.Requests, r => Uri.UnescapeDataString(r.Text.Replace('+', ' ')).Contains("已受理", StringComparison.Ordinal));
        Assert.Equal("POST", received.Method);
        Assert.Equal("/2010-04-01/Accounts/AC0123456789/Messages.json", received.PathAndQuery);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("AC0123456789:tok")), received.Headers["Authorization"]);
        Assert.StartsWith("application/x-www-form-urlencoded", received.Headers["Content-Type"]);
        var form = Deliberation.Channels.Sms.FormBody.Parse(received.Body);
        Assert.Equal(["To", "From", "Body"], form.Select(p => p.Key));
        Assert.Equal(Phone, form[0].Value);
        Assert.Equal("+15005550006", form[1].Value);
        Assert.Equal($"【新桥镇】您的诉求已受理，编号{caseId}。回复“CX{caseId}”可查询办理进度。详情：http://localhost:7071/c/{caseId}", form[2].Value);
    }

    [Theory]
    [InlineData("Acs", 500, "{}")]
    [InlineData("Acs", 202, """{"value":[{"to":"+8613912345678","httpStatusCode":400,"successful":false}]}""")]
    [InlineData("Twilio", 429, "{}")]
    public async Task Sender_ProviderFailure_Throws(string provider, int status, string answer)
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Status = status;
        fake.Response = answer;
        await using var app = new DeliberationApp(settings: new Dictionary<string, string?>
        {
            ["Channels:Sms:Provider"] = provider,
            ["Channels:Sms:Acs:ConnectionString"] = $"endpoint={fake.BaseAddress}/;accesskey={Convert.ToBase64String(new byte[32])}",
            ["Channels:Sms:Acs:From"] = "+18005551212",
            ["Channels:Sms:Twilio:AccountSid"] = "AC1",
            ["Channels:Sms:Twilio:AuthToken"] = "tok",
            ["Channels:Sms:Twilio:From"] = "+15005550006",
            ["Channels:Sms:Twilio:ApiBaseUrl"] = fake.BaseAddress,
        });
        var sender = app.Service<ISmsSender>();

        await Assert.ThrowsAsync<HttpRequestException>(() => sender.SendAsync(new OutboundText("n1", "c1", Channel.Sms, Phone, "text", Audience.Reporter, NotificationTemplates.CaseReceived, null), CancellationToken.None));
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task AcsSender_AcceptedWithoutABody_IsSent()
    {
        await using var fake = await FakeProviderServer.StartAsync();
        fake.Response = "";
        await using var app = new DeliberationApp(settings: new Dictionary<string, string?>
        {
            ["Channels:Sms:Acs:ConnectionString"] = $"endpoint={fake.BaseAddress}/;accesskey={Convert.ToBase64String(new byte[32])}",
            ["Channels:Sms:Acs:From"] = "+18005551212",
        });

        await app.Service<ISmsSender>().SendAsync(new OutboundText("n1", "c1", Channel.Sms, Phone, "text", Audience.Reporter, NotificationTemplates.CaseReceived, null), CancellationToken.None);

        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task NoCredentials_TextsGoToTheDevelopmentOutbox()
    {
        await using var app = new DeliberationApp();

        await app.Service<ISmsSender>().SendAsync(new OutboundText("n-dev", "c-dev", Channel.Sms, Phone, "text", Audience.Reporter, NotificationTemplates.CaseReceived, null), CancellationToken.None);

        var stored = Assert.Single(await app.NotificationsAsync("c-dev"));
        Assert.Equal("n-dev", stored.NotificationId);
        Assert.Equal("text", stored.Text);
    }
}
