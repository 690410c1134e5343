using Deliberation.Channels.Sms;
using Deliberation.IntegrationTests.WeChat;

namespace Deliberation.IntegrationTests;

/// <summary>Issue 4's "done means": one blocked drain reported on three channels is one case with three reporters.</summary>
public sealed class ThreeChannelsTests
{
    private const string TwilioToken = "three-channels-token";

    [Fact]
    public async Task SameBlockedDrain_ThroughHotlineTwilioSmsAndWeChat_IsOneCaseWithThreeReporters()
    {
        var settings = WeChatFollower.Settings(("Channels:Sms:Twilio:AuthToken", TwilioToken));
        await using var app = new DeliberationApp(settings: settings);

        var caseId = await app.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000001");
        await app.PumpAsync();

        List<KeyValuePair<string, string>> form =
        [
            new("MessageSid", "SM-drain-0002"), new("AccountSid", "AC00000000000000000000000000000000"),
            new("From", "+8613900000002"), new("To", "+8610690000"), new("Body", "东宅路口下水道堵塞，脏水流了一地"),
        ];
        using var sms = new HttpRequestMessage(HttpMethod.Post, "/api/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        sms.Headers.Add("X-Twilio-Signature", TwilioSignature.Compute(TwilioToken, "http://localhost/api/sms/twilio", form));
        var twiml = await (await app.CreateClient().SendAsync(sms)).Content.ReadAsStringAsync();
        Assert.Contains(caseId, twiml);

        var follower = new WeChatFollower(app.CreateClient());
        var reply = await WeChatFollower.ReplyTextAsync(await follower.PostPlainAsync(follower.Text("东宅那边路口的下水道又堵了，污水漫出来")));
        Assert.Contains(caseId, reply);
        await app.PumpAsync();

        var view = await app.GetCaseAsync(caseId);
        Assert.Equal(3, view.GetProperty("reporterCount").GetInt32());
        Assert.Equal(3, (await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{caseId}")).GetProperty("reporters").GetInt32());
    }
}
