using System.Text;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;
using Deliberation.TestSupport.WeChat;

namespace Deliberation.IntegrationTests.WeChat;

public sealed class WeChatEndpointTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new(settings: WeChatFollower.Settings());

    private WeChatFollower Follower => new(_app.CreateClient());

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SafeModeText_EncryptedIndependently_GetsAnEncryptedReplyWithTheNewCaseNumber()
    {
        var response = await Follower.PostSafeAsync(Follower.Text("东宅路口的垃圾桶满了没人清运"));

        var reply = await WeChatFollower.SafeReplyTextAsync(response);
        var caseId = WeChatFollower.CaseNumberIn(reply);
        Assert.StartsWith("已收到您的诉求，编号", reply, StringComparison.Ordinal);
        var stored = await _app.GetCaseAsync(caseId);
        Assert.Equal("东宅路口的垃圾桶满了没人清运", stored.GetProperty("text").GetString());
        Assert.Equal("WeChat", stored.GetProperty("channel").GetString());
        Assert.True(stored.GetProperty("reporter").GetProperty("hasWeChat").GetBoolean());
    }

    [Fact]
    public async Task PlaintextText_SignedUrl_GetsAPlainReplyWithTheCaseNumber()
    {
        var reply = await WeChatFollower.ReplyTextAsync(await Follower.PostPlainAsync(Follower.Text("张泾路的路灯坏了")));

        Assert.Equal("Received", await _app.StatusOfAsync(WeChatFollower.CaseNumberIn(reply)));
    }

    [Fact]
    public async Task UrlVerification_SignedByTheToken_EchoesEchostr()
    {
        var client = _app.CreateClient();
        var signature = IndependentWeChatCrypto.Sign(WeChatFollower.Token, "1795482000", "42");

        var ok = await client.GetAsync($"/api/wechat?signature={signature}&timestamp=1795482000&nonce=42&echostr=5838479218127813673");
        var bad = await client.GetAsync($"/api/wechat?signature={signature}&timestamp=1795482001&nonce=42&echostr=5838479218127813673");

        Assert.Equal("5838479218127813673", await ok.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task TamperedSignatures_Are403_AndNothingIsCreated()
    {
        var client = _app.CreateClient();
        var xml = Follower.Text("东宅路口的垃圾桶满了没人清运");
        var genuine = IndependentWeChatCrypto.Sign(WeChatFollower.Token, "1795482000", "1");
        var forged = (genuine[0] == '0' ? "1" : "0") + genuine[1..];

        var badUrl = await client.PostAsync($"/api/wechat?signature={forged}&timestamp=1795482000&nonce=1", new StringContent(xml, Encoding.UTF8, "text/xml"));
        var badMsg = await Follower.PostSafeAsync(xml, msgSignature: new string('a', 40));
        var wrongAppId = await Follower.PostSafeAsync(xml, appId: "wx0000000000000000");

        Assert.Equal(HttpStatusCode.Forbidden, badUrl.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, badMsg.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongAppId.StatusCode);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Intake));
    }

    [Fact]
    public async Task ThreeConcurrentRetries_SameMsgId_MakeOneCaseAndAllGetItsNumber()
    {
        var xml = Follower.Text("东宅路口的垃圾桶满了没人清运", msgId: WeChatFollower.NextMsgId());

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => new WeChatFollower(_app.CreateClient()).PostSafeAsync(xml)));

        var numbers = new List<string>();
        foreach (var response in responses)
        {
            numbers.Add(WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(response)));
        }

        Assert.Single(numbers.Distinct());
        Assert.Equal([numbers[0]], await CaseIdsAsync());
    }

    [Fact]
    public async Task XxePayload_IsNotExpanded_AnsweredSuccess_AndNothingIsCreated()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh_deliberation</ToUserName><FromUserName>oAttacker</FromUserName><CreateTime>1795482000</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>";

        var plain = await Follower.PostPlainAsync(xxe);
        var safe = await Follower.PostSafeAsync(xxe);

        Assert.Null(await WeChatFollower.ReplyTextAsync(plain));
        Assert.Equal("success", await safe.Content.ReadAsStringAsync());
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task OversizedBody_Is413_AndNothingIsCreated()
    {
        var huge = Follower.Text(new string('垃', 40_000));

        var response = await Follower.PostPlainAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Theory]
    [InlineData("shortvideo", "<MediaId><![CDATA[m1]]></MediaId><MsgId>77</MsgId>")]
    [InlineData("hologram", "<MsgId>78</MsgId>")]
    public async Task UnknownMessageType_GetsAPoliteTextReply_AndNothingIsCreated(string type, string fields)
    {
        var reply = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Message(type, fields)));

        Assert.Contains("暂不支持此类消息", reply, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));
    }

    [Fact]
    public async Task MalformedMessage_WithinAValidEnvelope_IsAnsweredSuccess()
    {
        var response = await Follower.PostSafeAsync("<xml><MsgType>text</MsgType></xml>");

        Assert.Equal("success", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Voice_WithRecognition_BecomesASuggestion_WithoutIt_AsksToType()
    {
        var recognised = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Message("voice", $"<MediaId><![CDATA[v1]]></MediaId><Format><![CDATA[amr]]></Format><Recognition><![CDATA[张泾路的路灯坏了]]></Recognition><MsgId>{WeChatFollower.NextMsgId()}</MsgId>")));
        var silent = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Message("voice", $"<MediaId><![CDATA[v2]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>{WeChatFollower.NextMsgId()}</MsgId>")));

        Assert.Equal("张泾路的路灯坏了", (await _app.GetCaseAsync(WeChatFollower.CaseNumberIn(recognised))).GetProperty("text").GetString());
        Assert.Contains("请发送文字", silent, StringComparison.Ordinal);
        Assert.Single(await CaseIdsAsync());
    }

    [Fact]
    public async Task LocationAndImage_BeforeAnyCase_AreKeptAndGoOnTheNextSuggestion_WithTheLabelAsPlace()
    {
        var located = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Location("31.0853", "121.1712", "张泾村东宅")));
        var pictured = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Image("media-abc")));
        Assert.Contains("请接着发送文字", located, StringComparison.Ordinal);
        Assert.Contains("请接着发送文字", pictured, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(_app.Storage.Names.Cases));

        var caseId = WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Text("路口的垃圾桶满了没人清运"))));

        var stored = await _app.GetCaseAsync(caseId);
        Assert.Equal("张泾村东宅", stored.GetProperty("place").GetString());
        var attachments = stored.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(["Location", "Image"], attachments.Select(a => a.GetProperty("kind").GetString()));
        Assert.Equal("31.0853,121.1712", attachments[0].GetProperty("reference").GetString());
        Assert.Equal("media-abc", attachments[1].GetProperty("reference").GetString());
        Assert.Equal(0, await CountAsync(_app.Storage.Names.PendingAttachments));
    }

    [Fact]
    public async Task Location_WithAnOpenCase_IsAttachedToIt_AndNotShownToThePublic()
    {
        var caseId = WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Text("东宅路口的垃圾桶满了没人清运"))));

        var reply = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Location("31.0853", "121.1712", "张泾村东宅")));

        Assert.Equal($"已将位置补充到您的诉求{caseId}。", reply);
        var attachment = Assert.Single((await _app.GetCaseAsync(caseId)).GetProperty("attachments").EnumerateArray());
        Assert.Equal("张泾村东宅", attachment.GetProperty("label").GetString());
        var publicView = await _app.CreateClient().GetStringAsync($"/api/public/cases/{caseId}");
        Assert.DoesNotContain("121.1712", publicView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_SubscribeAndMenu_AnswerWithUsageAndStatus_UnsubscribeWithSuccess()
    {
        var caseId = WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Text("东宅路口的垃圾桶满了没人清运"))));

        var welcome = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("subscribe")));
        var mine = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("CLICK", "MY_CASES")));
        var rate = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("CLICK", "RATE")));
        var submit = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Event("CLICK", "SUBMIT")));
        var bye = await Follower.PostSafeAsync(Follower.Event("unsubscribe"));

        Assert.Contains("回复“查询”", welcome, StringComparison.Ordinal);
        Assert.Contains($"诉求{caseId}：已受理", mine, StringComparison.Ordinal);
        Assert.Contains("回复1（满意）", rate, StringComparison.Ordinal);
        Assert.Contains("发送文字或语音", submit, StringComparison.Ordinal);
        Assert.Equal("success", await bye.Content.ReadAsStringAsync());
        Assert.Single(await CaseIdsAsync());
    }

    [Fact]
    public async Task StatusQuery_Text_AnswersWithTheCasesOfThisFollowerOnly()
    {
        var mine = WeChatFollower.CaseNumberIn(await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Text("东宅路口的垃圾桶满了没人清运"))));
        var other = new WeChatFollower(_app.CreateClient(), "oAnotherFollower_987654321");
        var theirs = WeChatFollower.CaseNumberIn(await WeChatFollower.ReplyTextAsync(await other.PostPlainAsync(other.Text("张泾路的路灯坏了"))));

        var reply = await WeChatFollower.SafeReplyTextAsync(await Follower.PostSafeAsync(Follower.Text("查询")));

        Assert.Contains(mine, reply, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs, reply, StringComparison.Ordinal);
    }

    private string Location(string lat, string lon, string label) =>
        Follower.Message("location", $"<Location_X>{lat}</Location_X><Location_Y>{lon}</Location_Y><Scale>15</Scale><Label><![CDATA[{label}]]></Label><MsgId>{WeChatFollower.NextMsgId()}</MsgId>");

    private string Image(string mediaId) =>
        Follower.Message("image", $"<PicUrl><![CDATA[http://mmbiz.qpic.cn/test.jpg]]></PicUrl><MediaId><![CDATA[{mediaId}]]></MediaId><MsgId>{WeChatFollower.NextMsgId()}</MsgId>");

    private async Task<int> CountAsync(string table)
    {
        var count = 0;
        await foreach (var unused in _app.Table(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<List<string>> CaseIdsAsync()
    {
        var ids = new HashSet<string>();
        await foreach (var row in _app.Table(_app.Storage.Names.Cases).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            ids.Add(row.PartitionKey);
        }

        return [.. ids];
    }
}
