using Deliberation.Domain.Privacy;

namespace Deliberation.Domain.Tests.Privacy;

public sealed class RedactorTests
{
    [Theory]
    [InlineData("请回电13800138000谢谢", "请回电[电话]谢谢")]
    [InlineData("电话 +86 138 0013 8000。", "电话 [电话]。")]
    [InlineData("电话+8613800138000", "电话[电话]")]
    [InlineData("电话 86-138-0013-8000", "电话 [电话]")]
    [InlineData("手机138-0013-8000或者139 1234 5678", "手机[电话]或者[电话]")]
    public void Mobile_AnyCommonFormat_IsMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("座机021-57601234", "座机[电话]")]
    [InlineData("座机02157601234", "座机[电话]")]
    [InlineData("打0571 87654321找我", "打[电话]找我")]
    [InlineData("座机(021)57601234", "座机[电话]")]
    [InlineData("座机（021）5760123", "座机[电话]")]
    public void Landline_WithAreaCode_IsMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("身份证11010519491231002X。", "身份证[身份证号]。")]
    [InlineData("身份证11010519491231002x", "身份证[身份证号]")]
    [InlineData("证件号310115198503151230", "证件号[身份证号]")]
    public void IdCard18_ValidCheckDigit_IsMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("编号110105194912310021")]
    [InlineData("编号310115198503151231")]
    [InlineData("编号11010519491231002Y")]
    public void EighteenDigits_WrongCheckDigit_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void IsValidIdCard18_KnownGoodAndBad_FollowsGb11643()
    {
        Assert.True(Redactor.IsValidIdCard18("11010519491231002X"));
        Assert.True(Redactor.IsValidIdCard18("310115198503151230"));
        Assert.False(Redactor.IsValidIdCard18("110105194912310021"));
        Assert.False(Redactor.IsValidIdCard18("11010519491231002"));
        Assert.False(Redactor.IsValidIdCard18("1101051949123100AX"));
    }

    [Fact]
    public void IdCard15_OldFormat_IsMasked()
    {
        Assert.Equal("老身份证[身份证号]", Redactor.Redact("老身份证110105491231002"));
    }

    [Theory]
    [InlineData("维修费共12800元，已于2026-11-23支付")]
    [InlineData("工单号202611230007，请查收")]
    [InlineData("面积120.5平方米，楼高18层，共1234567户")]
    [InlineData("日期20261123，编号 3101151985")]
    [InlineData("15位编号202611230007123超过日期范围")]
    public void OrdinaryNumbers_AmountsDatesCaseNumbers_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void Redact_MixedText_MasksOnlyPersonalNumbers()
    {
        var text = "工单202611230007：张先生（13800138000，身份证11010519491231002X）反映维修费12800元";

        Assert.Equal("工单202611230007：张先生（[电话]，身份证[身份证号]）反映维修费12800元", Redactor.Redact(text));
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void Redact_NullOrEmpty_IsEmpty(string? text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("13800138000", "138****8000")]
    [InlineData("138-0013-8000", "138****8000")]
    [InlineData("+86 138 0013 8000", "138****8000")]
    [InlineData("8613800138000", "138****8000")]
    [InlineData("021-57601234", "021****1234")]
    [InlineData("12345", "****")]
    [InlineData(null, "****")]
    public void MaskPhone_AnyFormat_ShowsOnlyPrefixAndLastFour(string? phone, string expected)
    {
        Assert.Equal(expected, Redactor.MaskPhone(phone));
    }

    [Theory]
    [InlineData("我叫王小明，东宅路口的垃圾桶满了", "王小明")]
    [InlineData("联系人：李建国，电话见上", "李建国")]
    public void NamesIn_TextWithCuedName_FindsTheName(string text, string name)
    {
        Assert.Equal([name], Redactor.NamesIn(text));
    }

    [Fact]
    public void NamesIn_NoCue_FindsNothing()
    {
        Assert.Empty(Redactor.NamesIn("我是小区业主，本人反映垃圾问题"));
    }
}
