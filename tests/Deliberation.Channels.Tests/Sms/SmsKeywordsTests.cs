using Deliberation.Channels.Sms;
using Deliberation.Domain.Workflow;

namespace Deliberation.Channels.Tests.Sms;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("查询", null)]
    [InlineData("CX", null)]
    [InlineData("cx202611240001", "202611240001")]
    [InlineData("查询 202611240001", "202611240001")]
    [InlineData("ＣＸ２０２６１１２４０００１", "202611240001")]
    [InlineData("查询：202611240001。", "202611240001")]
    public void Parse_StatusKeyword_IsStatusQuery(string text, string? caseId)
    {
        Assert.Equal(new SmsCommand.StatusQuery(caseId), SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("1", Satisfaction.Satisfied)]
    [InlineData(" 2 ", Satisfaction.BasicallySatisfied)]
    [InlineData("３", Satisfaction.Dissatisfied)]
    [InlineData("满意", Satisfaction.Satisfied)]
    [InlineData("基本满意", Satisfaction.BasicallySatisfied)]
    [InlineData("3不满意", Satisfaction.Dissatisfied)]
    public void Parse_SurveyAnswer_IsRating(string text, Satisfaction score)
    {
        Assert.Equal(new SmsCommand.Rating(score), SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("退订")]
    [InlineData("TD")]
    [InlineData("td")]
    [InlineData("退订。")]
    public void Parse_UnsubscribeKeyword_IsOptOut(string text)
    {
        Assert.IsType<SmsCommand.OptOut>(SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("订阅")]
    [InlineData("dy")]
    public void Parse_SubscribeKeyword_IsOptIn(string text)
    {
        Assert.IsType<SmsCommand.OptIn>(SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("查询一下路灯为什么不亮")]
    [InlineData("东宅路口的垃圾桶满了")]
    [InlineData("12")]
    [InlineData("TD路灯坏了")]
    public void Parse_AnythingElse_IsSuggestionWithOriginalText(string text)
    {
        Assert.Equal(new SmsCommand.Suggestion(text), SmsKeywords.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Parse_NoText_IsEmpty(string? text)
    {
        Assert.IsType<SmsCommand.Empty>(SmsKeywords.Parse(text));
    }
}
