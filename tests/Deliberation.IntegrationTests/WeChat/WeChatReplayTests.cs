namespace Deliberation.IntegrationTests.WeChat;

public sealed class WeChatReplayTests
{
    [Fact]
    public async Task SignedPushReplayedTenMinutesLater_IsRefusedAndCreatesNothing()
    {
        await using var app = new DeliberationApp(settings: WeChatFollower.Settings());
        var follower = new WeChatFollower(app.CreateClient());
        var xml = follower.Text("东宅路口的垃圾桶满了没人清运");
        var signedAt = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var first = await follower.PostPlainAsync(xml, timestamp: signedAt);
        Assert.Contains("编号", await WeChatFollower.ReplyTextAsync(first));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var replay = await follower.PostPlainAsync(follower.Text("另一条伪造的诉求"), timestamp: signedAt);

        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        var cases = await app.Admin().GetFromJsonAsync<JsonElement>("/api/units/dispatch/cases");
        Assert.Equal(0, cases.GetProperty("items").GetArrayLength());
    }
}
