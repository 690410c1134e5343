namespace Deliberation.Domain.Tests.Privacy;

/// <summary>The test-side detector itself: it must see every form it is used to rule out, and not cry wolf at dates and lists.</summary>
public sealed class PersonalNumberDetectorTests
{
    [Theory]
    [InlineData("电话13800138000", "mobile")]
    [InlineData("电话１３８００１３８０００", "mobile")]
    [InlineData("电话１３８0013８０００", "mobile")]
    [InlineData("电话138.0013.8000", "mobile")]
    [InlineData("电话138/0013/8000", "mobile")]
    [InlineData("电话138 0013 8000", "mobile")]
    [InlineData("电话+86 138-0013-8000", "mobile")]
    [InlineData("座机021-5712 3456", "landline")]
    [InlineData("座机0571-8888 8888", "landline")]
    [InlineData("座机（０２１）５７１２３４５６", "landline")]
    [InlineData("座机07347237198", "landline")]
    [InlineData("身份证3101 0119 8001 0112 3X", "ID")]
    [InlineData("身份证310101 19800101 123X", "ID")]
    [InlineData("身份证３１０１１５１９８５０３１５１２３０", "ID")]
    [InlineData("老身份证110105491231002", "ID (15)")]
    [InlineData("卡号6228480012345671", "card")]
    [InlineData("卡号6222 0212 3456 7890 128", "card")]
    [InlineData("卡号622202 1234567890128", "card")]
    public void Detector_PersonalNumberInAnyForm_IsFound(string text, string kind)
    {
        Assert.Contains(PersonalNumberDetector.Find(text), f => f.StartsWith(kind + ":", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2024年3月5日，维修费1500元，12号楼")]
    [InlineData("于2024.03.05至2024/04/05期间")]
    [InlineData("工单202612030010已受理")]
    [InlineData("15位编号202611230007123")]
    [InlineData("身份证310115198503151231")] // wrong check digit
    [InlineData("卡号6228480012345672")] // Luhn-invalid
    [InlineData("房号 1101 2001 1803 1703 2301 2001 1002 1302 1402 2201 201")] // a list of rooms, not one number
    [InlineData("分数 78.16 79.00 79.17 71.57 75.63 75.57")]
    [InlineData("已打码 0000-00000000")]
    public void Detector_OrdinaryNumbers_AreNotFound(string text)
    {
        Assert.Empty(PersonalNumberDetector.Find(text));
    }

    [Fact]
    public void Fold_FullWidth_BecomesHalfWidth()
    {
        Assert.Equal("138-0013.8000 (X)", PersonalNumberDetector.Fold("１３８－００１３．８０００　（Ｘ）"));
    }

    [Fact]
    public void TestNumbers_CheckDigits_AreValid()
    {
        Assert.Equal("11010519491231002X", TestNumbers.WithIdCheck("11010519491231002"));
        Assert.Equal("6228480012345671", TestNumbers.WithLuhn("622848001234567"));
        Assert.Equal("１３８　８", TestNumbers.FullWidth("138 8"));
    }
}
