using Deliberation.Api.Channels.WeChat;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests.WeChat;

/// <summary>The real sender against a fake api.weixin.qq.com on 127.0.0.1: the exact requests WeChat would receive.</summary>
public sealed class WeChatSenderTests : IAsyncLifetime
{
    private const string StableToken = "/cgi-bin/stable_token";

    /// <summary>The stable token request as WeChat documents it: POST JSON, never a forced refresh.</summary>
    private static readonly RecordedRequest TokenRequest = new("POST", StableToken, "{\"grant_type\":\"client_credential\",\"appid\":\"wx2c2769f8efd9abc2\",\"secret\":\"test-secret\",\"force_refresh\":false}");
    private FakeWeChatApi _api = null!;
    private DeliberationApp _app = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeWeChatApi.StartAsync();
        _app = new DeliberationApp(settings: WeChatFollower.SafeModeSettings(
            ("Channels:WeChat:AppSecret", "test-secret"),
            ("Channels:WeChat:TemplateId", "tmpl-progress"),
            ("Channels:WeChat:ApiBaseUrl", _api.BaseUrl.ToString())));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task TwoTexts_CustomerServiceMessages_OneTokenFetchAndExactBodies()
    {
        var sender = _app.Service<IWeChatSender>();

        await sender.SendAsync(Text("n1", "您的诉求已受理，编号2026112400001。"), CancellationToken.None);
        await sender.SendAsync(Text("n2", "诉求2026112400001已派单 \"东宅\""), CancellationToken.None);

        Assert.Equal(
            [
                TokenRequest,
                new RecordedRequest("POST", "/cgi-bin/message/custom/send?access_token=TOKEN1", "{\"touser\":\"oTestFollower_0123456789abcd\",\"msgtype\":\"text\",\"text\":{\"content\":\"您的诉求已受理，编号2026112400001。\"}}"),
                new RecordedRequest("POST", "/cgi-bin/message/custom/send?access_token=TOKEN1", "{\"touser\":\"oTestFollower_0123456789abcd\",\"msgtype\":\"text\",\"text\":{\"content\":\"诉求2026112400001已派单 \\\"东宅\\\"\"}}"),
            ],
            _api.Requests);
    }

    [Fact]
    public async Task ExpiredToken_Errcode42001_IsFetchedAgainWithoutForcing_AndTheSendRepeated()
    {
        _api.Answer("/cgi-bin/message/custom/send", "{\"errcode\":42001,\"errmsg\":\"access_token expired\"}");

        await _app.Service<IWeChatSender>().SendAsync(Text("n1", "进展"), CancellationToken.None);

        Assert.Equal(
            ["POST " + StableToken, "POST /cgi-bin/message/custom/send?access_token=TOKEN1", "POST " + StableToken, "POST /cgi-bin/message/custom/send?access_token=TOKEN1"],
            _api.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.All(_api.Requests.Where(r => r.PathAndQuery == StableToken), r => Assert.Equal(TokenRequest, r));
    }

    [Fact]
    public async Task CachedToken_NearItsExpiry_IsFetchedAgain()
    {
        var sender = _app.Service<IWeChatSender>();
        await sender.SendAsync(Text("n1", "一"), CancellationToken.None);
        _app.Clock.Advance(TimeSpan.FromMinutes(100));
        await sender.SendAsync(Text("n2", "二"), CancellationToken.None);
        _app.Clock.Advance(TimeSpan.FromMinutes(20)); // 120 min: within five minutes of expires_in
        await sender.SendAsync(Text("n3", "三"), CancellationToken.None);

        Assert.Equal(
            ["POST " + StableToken, "POST /cgi-bin/message/custom/send", "POST /cgi-bin/message/custom/send", "POST " + StableToken, "POST /cgi-bin/message/custom/send"],
            _api.Requests.Select(r => $"{r.Method} {r.PathAndQuery.Split('?')[0]}"));
    }

    [Fact]
    public async Task TwoInstances_UseOneToken_AndNeitherInvalidatesTheOthers()
    {
        // A second instance of the app (another process, as under Functions' scale-out) on the same account.
        await using var other = new DeliberationApp(settings: WeChatFollower.SafeModeSettings(
            ("Channels:WeChat:AppSecret", "test-secret"),
            ("Channels:WeChat:ApiBaseUrl", _api.BaseUrl.ToString())));
        IWeChatSender[] senders = [_app.Service<IWeChatSender>(), other.Service<IWeChatSender>()];

        for (var i = 0; i < 6; i++)
        {
            await senders[i % 2].SendAsync(Text($"n{i}", $"进展{i}"), CancellationToken.None);
        }

        var beforeRenewal = _api.Requests.ToList();

        // WeChat renews the token: each instance is refused once, asks again without forcing, and both go on with the new one.
        _api.Rotate();
        for (var i = 6; i < 10; i++)
        {
            await senders[i % 2].SendAsync(Text($"n{i}", $"进展{i}"), CancellationToken.None);
        }

        Assert.Equal(2, beforeRenewal.Count(r => r.PathAndQuery == StableToken));
        Assert.All(beforeRenewal.Where(r => r.PathAndQuery != StableToken), r => Assert.EndsWith("access_token=TOKEN1", r.PathAndQuery, StringComparison.Ordinal));
        Assert.Equal(2, _api.Rejected);
        Assert.All(_api.Requests.Where(r => r.PathAndQuery == StableToken), r => Assert.Equal(TokenRequest, r));
        const string Send = "/cgi-bin/message/custom/send?access_token=";
        Assert.Equal(
            [Send + "TOKEN1", StableToken, Send + "TOKEN2", Send + "TOKEN1", StableToken, Send + "TOKEN2", Send + "TOKEN2", Send + "TOKEN2"],
            _api.Requests.Skip(beforeRenewal.Count).Select(r => r.PathAndQuery));
    }

    [Theory]
    [InlineData(45015)]
    [InlineData(45047)]
    public async Task WindowClosed_FallsBackToTheTemplateMessage(int errCode)
    {
        _api.Answer("/cgi-bin/message/custom/send", $"{{\"errcode\":{errCode},\"errmsg\":\"response out of time limit or subscription is canceled\"}}");

        await _app.Service<IWeChatSender>().SendAsync(Text("n1", "诉求2026112400001已答复。"), CancellationToken.None);

        var last = _api.Requests.Last();
        Assert.Equal("/cgi-bin/message/template/send?access_token=TOKEN1", last.PathAndQuery);
        Assert.Equal(
            "{\"touser\":\"oTestFollower_0123456789abcd\",\"template_id\":\"tmpl-progress\",\"data\":{\"first\":{\"value\":\"您的诉求有新进展\"},\"keyword1\":{\"value\":\"2026112400001\"},\"keyword2\":{\"value\":\"诉求2026112400001已答复。\"},\"remark\":{\"value\":\"回复“查询”可查看办理进度。\"}}}",
            last.Body);
    }

    [Fact]
    public async Task OtherError_Throws_SoTheQueueRetries()
    {
        _api.Answer("/cgi-bin/message/custom/send", "{\"errcode\":40003,\"errmsg\":\"invalid openid\"}");

        var error = await Assert.ThrowsAsync<WeChatApiException>(() => _app.Service<IWeChatSender>().SendAsync(Text("n1", "进展"), CancellationToken.None));

        Assert.Equal(40003, error.ErrCode);
        Assert.DoesNotContain(WeChatFollower.OpenId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestionByWeChat_ItsReceivedNotice_GoesThroughTheCustomerServiceApi()
    {
        var caseId = WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(await new WeChatFollower(_app.CreateClient()).PostSafeAsync(new WeChatFollower(_app.CreateClient()).Text("东宅路口的垃圾桶满了没人清运"))));

        await _app.PumpAsync();

        var sent = _api.Requests.Where(r => r.PathAndQuery.StartsWith("/cgi-bin/message/custom/send", StringComparison.Ordinal)).ToList();
        Assert.Contains(sent, r => r.Body.Contains("\"touser\":\"oTestFollower_0123456789abcd\"", StringComparison.Ordinal) && r.Body.Contains(caseId, StringComparison.Ordinal));
        Assert.DoesNotContain(await _app.NotificationsAsync(caseId), n => n.Channel == Channel.WeChat); // not in the development outbox
    }

    private static OutboundText Text(string id, string text) =>
        new(id, "2026112400001", Channel.WeChat, WeChatFollower.OpenId, text, Audience.Reporter, "case-progress", null);
}

/// <summary>Timeouts, rate limits: settings that change how the endpoint answers.</summary>
public sealed class WeChatLimitsTests
{
    [Fact]
    public async Task IntakeSlowerThanTheReplyDeadline_AnswersSuccess_ThenTheCaseNumberFollowsByMessage()
    {
        await using var app = new DeliberationApp(settings: WeChatFollower.SafeModeSettings(("Channels:WeChat:ReplyTimeout", "00:00:00")));
        var follower = new WeChatFollower(app.CreateClient());

        var reply = await WeChatFollower.SafeReplyTextAsync(await follower.PostSafeAsync(follower.Text("东宅路口的垃圾桶满了没人清运")));

        Assert.Null(reply);
        var residents = app.Service<ResidentDirectory>();
        IReadOnlyList<ResidentCase> cases = [];
        for (var i = 0; i < 100 && cases.Count == 0; i++)
        {
            await Task.Delay(100);
            cases = await residents.CasesAsync(residents.WeChatKey(WeChatFollower.OpenId), 5, CancellationToken.None);
        }

        var caseId = Assert.Single(cases).CaseId;
        await app.PumpAsync();
        var notice = Assert.Single(await app.NotificationsAsync(caseId), n => n.Template == NotificationTemplates.CaseReceived);
        Assert.Equal(Channel.WeChat, notice.Channel);
        Assert.Contains(caseId, notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FollowerOverTheRateLimit_GetsAPoliteReply_AndNoCase()
    {
        await using var app = new DeliberationApp(settings: WeChatFollower.SafeModeSettings(("Channels:WeChat:MaxMessagesPerMinute", "2")));
        var follower = new WeChatFollower(app.CreateClient());
        var other = new WeChatFollower(app.CreateClient(), "oAnotherFollower_987654321");

        var first = await WeChatFollower.SafeReplyTextAsync(await follower.PostSafeAsync(follower.Text("东宅路口的垃圾桶满了没人清运")));
        var second = await WeChatFollower.SafeReplyTextAsync(await follower.PostSafeAsync(follower.Text("张泾路的路灯坏了")));
        var third = await WeChatFollower.SafeReplyTextAsync(await follower.PostSafeAsync(follower.Text("河塘南宅的井盖松了")));
        var someoneElse = await WeChatFollower.SafeReplyTextAsync(await other.PostSafeAsync(other.Text("河塘南宅的井盖松了")), to: other.OpenIdOf);

        Assert.Equal("您发送的消息过于频繁，请稍后再试。", third);
        WeChatFollower.CaseNumberIn(first);
        WeChatFollower.CaseNumberIn(second);
        WeChatFollower.CaseNumberIn(someoneElse);
        var residents = app.Service<ResidentDirectory>();
        Assert.Equal(2, (await residents.CasesAsync(residents.WeChatKey(WeChatFollower.OpenId), 10, CancellationToken.None)).Count);
    }
}
