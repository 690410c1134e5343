using Deliberation.Domain.Privacy;

namespace Deliberation.Domain.Tests.Privacy;

/// <summary>
/// Numbers as residents and input methods really type them: full-width (１３８…), mixed widths, and split by dots,
/// slashes, dashes or spaces; and the dates, amounts and case numbers around them that must stay readable.
/// </summary>
public sealed class RedactorNumberFormsTests
{
    [Theory]
    [InlineData("电话１３８００１３８０００。", "电话[电话]。")]
    [InlineData("手机１３８0013８０００", "手机[电话]")] // mixed full- and half-width
    [InlineData("手机１３８－００１３－８０００", "手机[电话]")]
    [InlineData("手机１３８　００１３　８０００谢谢", "手机[电话]谢谢")] // ideographic spaces
    [InlineData("手机１３８．００１３．８０００", "手机[电话]")]
    [InlineData("座机（０２１）５７６０１２３４", "座机[电话]")]
    [InlineData("座机０５７１－８８８８　８８８８", "座机[电话]")]
    [InlineData("身份证３１０１１５１９８５０３１５１２３０", "身份证[身份证号]")]
    [InlineData("身份证１１０１０５１９４９１２３１００２Ｘ。", "身份证[身份证号]。")]
    [InlineData("身份证３１０１　０１１９　８００１　０１１２　３Ｘ", "身份证[身份证号]")]
    [InlineData("卡号６２２８４８００１２３４５６７１", "卡号[银行卡号]")]
    [InlineData("卡号６２２８　４８００　１２３４　５６７１", "卡号[银行卡号]")]
    public void FullWidthNumbers_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("住锦绣华庭３号楼２单元５０１室", "住锦绣华庭[门牌]")]
    [InlineData("车牌沪Ａ１２３４５违停", "车牌[车牌]违停")]
    public void FullWidthHouseNumbersAndPlates_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("电话138.0013.8000", "电话[电话]")]
    [InlineData("电话138/0013/8000", "电话[电话]")]
    [InlineData("电话138 0013 8000", "电话[电话]")]
    [InlineData("电话138. 0013. 8000", "电话[电话]")]
    [InlineData("电话1380.013.8000", "电话[电话]")]
    [InlineData("电话138.00138000", "电话[电话]")]
    [InlineData("电话1380013.8000", "电话[电话]")]
    [InlineData("电话138.0013-8000", "电话[电话]")]
    public void Mobiles_SplitByDotsSlashesDashesOrSpaces_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("座机021-5712 3456", "座机[电话]")]
    [InlineData("座机0571-8888 8888。", "座机[电话]。")]
    [InlineData("座机0571 8888 8888", "座机[电话]")]
    [InlineData("座机021.5712.3456", "座机[电话]")]
    [InlineData("座机0571/88888888", "座机[电话]")]
    [InlineData("座机(021) 5712-3456", "座机[电话]")]
    [InlineData("电话：0731-2234567 0731-7654321", "电话：[电话] [电话]")]
    public void Landlines_WithAreaCodeAndGroupedNumber_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("身份证3101 0119 8001 0112 3X", "身份证[身份证号]")]
    [InlineData("身份证3101 0119 8001 0112 3x，", "身份证[身份证号]，")]
    [InlineData("身份证310101 19800101 123X", "身份证[身份证号]")]
    [InlineData("身份证310101-19800101-123X", "身份证[身份证号]")]
    [InlineData("身份证3101.0119.8001.0112.3X", "身份证[身份证号]")]
    [InlineData("身份证440304 1990 0307 5011", "身份证[身份证号]")]
    [InlineData("老身份证110105 491231 002", "老身份证[身份证号]")]
    public void IdNumbers_Grouped_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("编号3101 0119 8001 0112 32")] // wrong check digit (and no card: Luhn fails)
    [InlineData("编号310101 19801301 1237")] // the check digit fits, but month 13 is no birth date
    public void GroupedEighteenDigits_ThatAreNoId_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("卡号6228.4800.1234.5671", "卡号[银行卡号]")]
    [InlineData("卡号622588001234567898", "卡号[银行卡号]")] // 18 digits, but no birth date: a card, not an ID
    [InlineData("卡号6222 0212 3456 7890 128", "卡号[银行卡号]")]
    [InlineData("订单1234 6228 4800 1234 5671", "订单1234 [银行卡号]")] // a refused 20-digit run does not hide the card in it
    public void BankCards_GroupedOrNot_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("2024年3月5日上午")]
    [InlineData("于2024.3.5至2024/03/05，2024-03-05 10:30到场")]
    [InlineData("有效期2018.10.12-10.26、2007.9.21-2074.8.17")]
    [InlineData("维修费1500元，共1,500.00元，补偿13.5万元")]
    [InlineData("面积138.5平方米，宽0.5-1.0米")]
    [InlineData("3月12号下午，按12号文件")]
    [InlineData("诉求202612030010已办结")]
    [InlineData("编号202611230007、202611230008")]
    [InlineData("诉求 202612030010 202612030011 已合并")]
    [InlineData("回复CX202612030010查询")]
    [InlineData("分数 13.52 14.66 17.5 78.16 79.00")]
    [InlineData("ISBN 978-7-80552-263-0")]
    [InlineData("比例1/3，第2/4期")]
    [InlineData("08:30-17:30办公")]
    [InlineData("号码138001380001位数不对")]
    [InlineData("已打码 0000-00000000")]
    public void DatesAmountsAndCaseNumbers_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void CaseNumber_BesideAFullWidthPhone_StaysReadable()
    {
        Assert.Equal("诉求202612030010：请致电[电话]", Redactor.Redact("诉求202612030010：请致电１３８００１３８０００"));
    }

    [Theory]
    [InlineData("张建国反映的问题已解决", "[姓名]反映的问题已解决")]
    [InlineData("经核实，李秀英与张建国所说属实。", "经核实，[姓名]与[姓名]所说属实。")]
    public void KnownNames_WithoutACue_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text, ["张建国", "李秀英"]));
    }

    [Fact]
    public void NamesIn_SeveralTexts_FindsEachResidentsNameOnce()
    {
        Assert.Equal(
            ["张建国", "李秀英"],
            Redactor.NamesIn(["我叫张建国，东宅路口的下水道堵了", null, "我叫李秀英，也反映下水道", "我叫张建国，再说一次"]));
    }
}
