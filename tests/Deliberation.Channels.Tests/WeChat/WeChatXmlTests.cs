using Deliberation.Channels.WeChat;
using Deliberation.Domain.Workflow;

namespace Deliberation.Channels.Tests.WeChat;

public sealed class WeChatXmlTests
{
    [Fact]
    public void ReadMessage_Location_ReadsCoordinatesAndLabel()
    {
        const string xml = "<xml><ToUserName><![CDATA[gh_a]]></ToUserName><FromUserName><![CDATA[o-b]]></FromUserName><CreateTime>1351776360</CreateTime><MsgType><![CDATA[location]]></MsgType><Location_X>23.134521</Location_X><Location_Y>113.358803</Location_Y><Scale>20</Scale><Label><![CDATA[位置信息]]></Label><MsgId>1234567890123456</MsgId></xml>";

        var message = WeChatXml.ReadMessage(xml);

        Assert.Equal(("location", "23.134521", "113.358803", "位置信息", "1234567890123456"), (message.MsgType, message.LocationX, message.LocationY, message.Label, message.MsgId));
    }

    [Fact]
    public void ReadMessage_ExternalEntity_IsRefusedWithoutReadingTheFile()
    {
        const string xxe = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><ToUserName>gh_a</ToUserName><FromUserName>o-b</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&xxe;</Content></xml>";

        var error = Assert.Throws<WeChatXmlException>(() => WeChatXml.ReadMessage(xxe));
        Assert.DoesNotContain("root:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFields_EntityExpansionBomb_IsRefused()
    {
        const string bomb = "<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><xml><Content>&c;</Content></xml>";

        Assert.Throws<WeChatXmlException>(() => WeChatXml.ReadFields(bomb));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not xml")]
    [InlineData("<html><body/></html>")]
    [InlineData("<xml><ToUserName>gh</ToUserName></xml>")]
    [InlineData("<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>")]
    public void ReadMessage_MalformedOrIncomplete_Throws(string xml)
    {
        Assert.Throws<WeChatXmlException>(() => WeChatXml.ReadMessage(xml));
    }

    [Fact]
    public void TextReply_ContentWithCdataEnd_ReadsBackUnchanged()
    {
        const string content = "编号2026112400001 ]]><evil/> 完";

        var reply = WeChatXml.TextReply("o-user", "gh_account", 1764000000, content);

        var fields = WeChatXml.ReadFields(reply);
        Assert.Equal(content, fields["Content"]);
        Assert.Equal(("o-user", "gh_account", "1764000000", "text"), (fields["ToUserName"], fields["FromUserName"], fields["CreateTime"], fields["MsgType"]));
        Assert.False(fields.ContainsKey("evil"));
    }

    [Fact]
    public void DedupeKey_EventWithoutMsgId_IsStableAndDoesNotCarryTheOpenId()
    {
        var first = new WeChatMessage("gh", "oOpenIdOfSomeone", 1764000000, "event", null);
        var retry = first with { };
        var later = first with { CreateTime = 1764000001 };

        Assert.Equal(first.DedupeKey, retry.DedupeKey);
        Assert.NotEqual(first.DedupeKey, later.DedupeKey);
        Assert.DoesNotContain("oOpenIdOfSomeone", first.DedupeKey, StringComparison.Ordinal);
        Assert.Equal("42", (first with { MsgId = "42" }).DedupeKey);
    }

    [Theory]
    [InlineData("查询", null)]
    [InlineData(" CX ", null)]
    [InlineData("cx2026112400012", "2026112400012")]
    [InlineData("查询 2026112400012", "2026112400012")]
    public void Parse_StatusQueries_AskForStatus(string text, string? caseId)
    {
        Assert.Equal(new StatusQuery(caseId), WeChatCommands.Parse(text));
    }

    [Theory]
    [InlineData("1", Satisfaction.Satisfied)]
    [InlineData("2", Satisfaction.BasicallySatisfied)]
    [InlineData(" 3 ", Satisfaction.Dissatisfied)]
    public void Parse_DigitAlone_IsARating(string text, Satisfaction score)
    {
        Assert.Equal(new RatingAnswer(score), WeChatCommands.Parse(text));
    }

    [Theory]
    [InlineData("查询一下路灯什么时候修")]
    [InlineData("12")]
    [InlineData("东宅路口的垃圾桶满了")]
    public void Parse_AnythingElse_IsASuggestion(string text)
    {
        Assert.Equal(new Suggestion(text), WeChatCommands.Parse(text));
    }
}
