using Deliberation.Classification.Text;

namespace Deliberation.Classification.Tests;

public sealed class TextNormaliserTests
{
    [Fact]
    public void Normalise_SegmentedText_ReadsLikeRawText() =>
        Assert.Equal(TextNormaliser.Normalise("小区 门口 路灯 坏 了"), TextNormaliser.Normalise("小区门口路灯坏了"));

    [Fact]
    public void Normalise_SpacesBetweenLatinWords_AreKept() =>
        Assert.Equal("no water 停水", TextNormaliser.Normalise("No  Water 停水"));

    [Fact]
    public void Normalise_FullWidthForms_BecomeHalfWidthLowerCase() =>
        Assert.Equal("a3区,abc 123", TextNormaliser.Normalise("Ａ３区，ＡＢＣ\u3000１２３"));

    [Theory]
    [InlineData("這條路的路燈壞了", "这条路的路灯坏了")]
    [InlineData("樓上漏水", "楼上漏水")]
    [InlineData("養老金還沒發", "养老金还没发")]
    [InlineData("遛狗不牽繩", "遛狗不牵绳")]
    public void Normalise_TraditionalCharacters_FoldToSimplified(string traditional, string simplified) =>
        Assert.Equal(TextNormaliser.Normalise(simplified), TextNormaliser.Normalise(traditional));

    [Fact]
    public void Normalise_SimplifiedText_IsLeftAlone() =>
        Assert.Equal("什么时候修户口和税务", TextNormaliser.Normalise("什么时候修户口和税务"));

    [Fact]
    public void TraditionalMap_HasNoCharacterMappedToItself()
    {
        Assert.True(TraditionalChinese.Count > 1000);
        var table = Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).ToArray();
        TraditionalChinese.AddTo(table);
        var changed = Enumerable.Range(0, table.Length).Count(i => table[i] != (char)i);
        Assert.Equal(TraditionalChinese.Count, changed); // every pair is a distinct traditional character that really changes
    }
}
