using Deliberation.Channels.Sms;
using Deliberation.Channels.WeChat;

namespace Deliberation.Channels.Tests;

public sealed class DeliberationKeywordsTests
{
    [Theory]
    [InlineData("附议202611240001", "202611240001")]
    [InlineData("附议 202611240001", "202611240001")]
    [InlineData("附议：202611240001。", "202611240001")]
    [InlineData("FY202611240001", "202611240001")]
    [InlineData(" fy 202611240001 ", "202611240001")]
    [InlineData("ＦＹ２０２６１１２４０００１", "202611240001")]
    [InlineData("附议，202611240001！", "202611240001")]
    public void Sms_SupportWithCaseNumber_IsSupport(string text, string caseId)
    {
        Assert.Equal(new SmsCommand.Support(caseId), SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("异议202611240001 停车位划线占了消防通道", "202611240001", "停车位划线占了消防通道")]
    [InlineData("异议 202611240001：停车位划线占了消防通道。", "202611240001", "停车位划线占了消防通道。")]
    [InlineData("YY202611240001收费标准太高", "202611240001", "收费标准太高")]
    [InlineData("yy 202611240001 3号楼前不该划车位", "202611240001", "3号楼前不该划车位")]
    [InlineData("异议２０２６１１２４０００１，不同意", "202611240001", "不同意")]
    [InlineData("ＹＹ２０２６１１２４０００１　ＡＢＣ小区不同意", "202611240001", "ＡＢＣ小区不同意")]
    [InlineData("异议202611240001\n第一，没有征求意见\n第二，收费太高", "202611240001", "第一，没有征求意见\n第二，收费太高")]
    public void Sms_ObjectionWithReason_KeepsTheResidentsWords(string text, string caseId, string reason)
    {
        Assert.Equal(new SmsCommand.Objection(caseId, reason), SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("异议202611240001")]
    [InlineData("异议 202611240001。")]
    [InlineData("YY202611240001？")]
    public void Sms_ObjectionWithoutReason_HasNoReason(string text)
    {
        Assert.Equal(new SmsCommand.Objection("202611240001", null), SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("附议一下这个事情")]
    [InlineData("附议")]
    [InlineData("我附议202611240001")]
    [InlineData("附议202611240001，另外路灯也坏了")]
    [InlineData("异议：这个决定不合理")]
    [InlineData("对这个决议有异议")]
    [InlineData("附议12345")]
    [InlineData("FYI 路灯坏了")]
    [InlineData("YY路口积水")]
    public void Sms_NearMisses_StaySuggestions(string text)
    {
        Assert.Equal(new SmsCommand.Suggestion(text), SmsKeywords.Parse(text));
    }

    [Fact]
    public void Sms_NumberLongerThanACaseNumber_IsNotSupport()
    {
        Assert.IsType<SmsCommand.Suggestion>(SmsKeywords.Parse("附议" + new string('1', 21)));
    }

    [Theory]
    [InlineData("附议202611240001", "202611240001")]
    [InlineData("ＦＹ２０２６１１２４０００１", "202611240001")]
    public void WeChat_SupportWithCaseNumber_IsSupport(string text, string caseId)
    {
        Assert.Equal(new SupportRequest(caseId), WeChatCommands.Parse(text));
    }

    [Fact]
    public void WeChat_ObjectionWithReason_IsObjection()
    {
        Assert.Equal(new ObjectionRequest("202611240001", "收费标准太高"), WeChatCommands.Parse("异议202611240001 收费标准太高"));
        Assert.Equal(new ObjectionRequest("202611240001", null), WeChatCommands.Parse("YY202611240001"));
    }

    [Theory]
    [InlineData("附议一下这个事情")]
    [InlineData("异议：这个决定不合理")]
    public void WeChat_NearMisses_StaySuggestions(string text)
    {
        Assert.Equal(new Deliberation.Channels.WeChat.Suggestion(text), WeChatCommands.Parse(text));
    }
}
