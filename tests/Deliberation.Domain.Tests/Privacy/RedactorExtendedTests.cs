using Deliberation.Domain.Privacy;

namespace Deliberation.Domain.Tests.Privacy;

/// <summary>Bank cards, e-mails, plates, house numbers and names, with the near-misses that must survive.</summary>
public sealed class RedactorExtendedTests
{
    [Theory]
    [InlineData("卡号6228480012345671请转账", "卡号[银行卡号]请转账")]
    [InlineData("卡号 6228 4800 1234 5671。", "卡号 [银行卡号]。")]
    [InlineData("卡号6228-4800-1234-5671", "卡号[银行卡号]")]
    [InlineData("工资卡6222021234567890128", "工资卡[银行卡号]")]
    [InlineData("卡号6222 0212 3456 7890 128", "卡号[银行卡号]")]
    [InlineData("信用卡4111111111111111", "信用卡[银行卡号]")]
    [InlineData("存折622848001234567894", "存折[银行卡号]")]
    public void BankCard_LuhnValid_IsMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("卡号4111111111111112")] // Luhn-invalid
    [InlineData("卡号6222 0212 3456 7890")] // Luhn-invalid, grouped
    [InlineData("单号2026112300071239")] // Luhn-valid but a date-led serial, no card issuer starts with 20
    [InlineData("编号123456789012")] // 12 digits: too short for a card
    public void BankCardLookalikes_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void IsBankCardNumber_ChecksLengthIssuerAndLuhn()
    {
        Assert.True(Redactor.IsBankCardNumber("6228 4800 1234 5671"));
        Assert.False(Redactor.IsBankCardNumber("6228 4800 1234 5672"));
        Assert.False(Redactor.IsBankCardNumber("2026112300071239"));
        Assert.False(Redactor.IsBankCardNumber("8613800138000"));
        Assert.False(Redactor.IsBankCardNumber("622848001234567894000"));
        Assert.False(Redactor.IsBankCardNumber("6228/4800/1234/5671"));
    }

    [Theory]
    [InlineData("+8613800138000", "[电话]")]
    [InlineData("卡6228480012345671电话13800138000", "卡[银行卡号]电话[电话]")]
    [InlineData("身份证11010519491231002X手机13800138000卡号6228480012345671",
        "身份证[身份证号]手机[电话]卡号[银行卡号]")]
    public void LongNumbers_AreNotHalfEatenByThePhonePattern(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("电话0746—8222289。", "电话[电话]。")] // as typed in the real replies
    [InlineData("电话0735---3323506", "电话[电话]")]
    [InlineData("电话0736- 7898402", "电话[电话]")]
    [InlineData("手机138 - 0013 - 8000", "手机[电话]")]
    public void Phones_WithDashRunsOrEmDashes_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("邮箱zhang.san@example.com。", "邮箱[邮箱]。")]
    [InlineData("发到123456789@qq.com谢谢", "发到[邮箱]谢谢")]
    [InlineData("联系 li_si+town@mail.sh.gov.cn 或电话", "联系 [邮箱] 或电话")]
    public void Email_IsMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("@A市交警官方微博")]
    [InlineData("请@相关部门处理")]
    [InlineData("邮箱：********@qq.com")] // already masked upstream
    public void AtSigns_ThatAreNotAddresses_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("车牌沪A12345违停", "车牌[车牌]违停")]
    [InlineData("新能源车沪A·D12345", "新能源车[车牌]")]
    [InlineData("教练车粤B 1234学", "教练车[车牌]")]
    [InlineData("车牌号码为苏e2g81c。", "车牌号码为[车牌]。")]
    [InlineData("货车鄂A1234挂", "货车[车牌]")]
    public void LicencePlate_IsMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("京A区的道路")]
    [InlineData("鄂AP185")] // only four characters after the office letter
    [InlineData("沪ABCDE")] // no digit
    [InlineData("新A 2019年")]
    public void PlateLookalikes_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("我住锦绣华庭3号楼2单元501室，漏水", "我住锦绣华庭[门牌]，漏水")]
    [InlineData("家住东宅12号，门口堆垃圾", "家住东宅[门牌]，门口堆垃圾")]
    [InlineData("新建巷4号100多户居民", "新建巷[门牌]100多户居民")]
    [InlineData("张泾路88弄5号302", "张泾路[门牌]")]
    [InlineData("金泰小区10栋704房租户", "金泰小区[门牌]租户")]
    [InlineData("住在钻石新村20栋201，", "住在钻石新村[门牌]，")]
    [InlineData("家住桃林村71号，本人", "家住桃林村[门牌]，本人")]
    [InlineData("明月村石咀组217号村民", "明月村石咀组[门牌]村民")]
    [InlineData("锦绣华庭3-2-501的业主", "锦绣华庭[门牌]的业主")]
    [InlineData("生活区1栋405号房屋", "生活区[门牌]房屋")]
    [InlineData("如16栋08户型", "如16栋08户型")]
    [InlineData("白云小区e栋30户业主", "白云小区[门牌]业主")]
    [InlineData("对3#103户、2# 205户的楼板", "对[门牌]、[门牌]的楼板")]
    [InlineData("商铺-117室业主", "商铺-[门牌]业主")]
    [InlineData("地址：金茂路288号 电话", "地址：金茂路[门牌] 电话")]
    public void HouseAndRoomNumbers_AreMasked_PlaceIsKept(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("地铁3号线延误")]
    [InlineData("按12号文件执行")]
    [InlineData("〔2018〕75号文件")]
    [InlineData("[政府发文]5号")]
    [InlineData("5月3日上午")]
    [InlineData("5月3号下午3点")]
    [InlineData("维修费300元")]
    [InlineData("共2户受影响")]
    [InlineData("下午3:30到")]
    [InlineData("工单202611230007已受理")]
    [InlineData("小区21栋南侧绿地被毁")] // a building alone is a place, not a home
    [InlineData("悦峰园12号栋地下室")]
    [InlineData("5号楼电梯坏了")]
    [InlineData("楼高18层")]
    [InlineData("房子是3室2厅")]
    [InlineData("2房1厅出租")]
    [InlineData("共计68栋5000余户")]
    [InlineData("共有10栋460户。")]
        [InlineData("4栋1单位附近")]
    [InlineData("干杉镇031号县道")]
    [InlineData("茂世铂翠湾D7-2-1地块")]
    [InlineData("3栋105m2户型")]
    [InlineData("重新上报了1栋5+1的方案")]
    [InlineData("13号车、7号车")]
    [InlineData("于2019-05-03办理")]
    public void NumbersThatAreNotHomes_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("我叫苏伟生，系外地人", "我叫[姓名]，系外地人")]
    [InlineData("我叫黄盼是A6区人", "我叫[姓名]是A6区人")]
    [InlineData("我叫杨柳来自农村", "我叫[姓名]来自农村")]
    [InlineData("我是张伟，家住东宅", "我是[姓名]，家住东宅")]
    [InlineData("本人姚香菊，女，1967年生", "本人[姓名]，女，1967年生")]
    [InlineData("本人姓名：王小明。", "本人姓名：[姓名]。")]
    [InlineData("姓名为邓全艳，身份证", "姓名为[姓名]，身份证")]
    [InlineData("联系人：邹军建），", "联系人：[姓名]），")]
    [InlineData("联系人：张主任，电话", "联系人：[姓名]主任，电话")]
    [InlineData("我姓王，住三楼", "我姓[姓名]，住三楼")]
    [InlineData("一位姓王的女士", "一位姓[姓名]的女士")]
    [InlineData("因刘地先生本人", "因[姓名]先生本人")]
    [InlineData("邓浩志先生所说", "[姓名]先生所说")]
    [InlineData("欧阳明先生来电", "[姓名]先生来电")]
    [InlineData("楼下李秀英阿姨家", "楼下[姓名]阿姨家")]
    public void PersonalNames_AfterCues_AreMasked(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Theory]
    [InlineData("我是一名退休教师")]
    [InlineData("我是小区业主")]
    [InlineData("我是业主")]
    [InlineData("本人反映的问题")]
    [InlineData("本人于2017年购房")]
    [InlineData("本人曾到市人社部门")]
    [InlineData("本人周一至周五上班")]
    [InlineData("我是江西人，在此工作")]
    [InlineData("我是高中生，")]
    [InlineData("我是陶家山社区的居民")]
    [InlineData("联系人：黄财镇农办")]
    [InlineData("向投诉人解释，")]
    [InlineData("请提供姓名、电话")]
    [InlineData("为老百姓办实事")]
    [InlineData("感谢市长先生")]
    [InlineData("感谢张先生")]
    [InlineData("张先生反映")] // a bare surname with an honorific is already anonymous
    [InlineData("城的王女士向工商部门")]
    [InlineData("欧阳先生来电")]
    [InlineData("我先生下班")]
    [InlineData("维修师傅来了")]
    [InlineData("我叫他们过来")]
    public void OrdinaryWordsAfterCues_Survive(string text)
    {
        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void KnownNames_AreMaskedEverywhere()
    {
        var text = "张三丰反映：我叫张三丰，请张三丰的邻居也注意。";

        Assert.Equal("[姓名]反映：我叫[姓名]，请[姓名]的邻居也注意。", Redactor.Redact(text, ["张三丰"]));
    }

    [Fact]
    public void KnownNames_UserHandle_IsNotMatchedInsideALongerHandle()
    {
        var text = "网友“UU00812”您好！另见UU008120的留言。";

        Assert.Equal("网友“[姓名]”您好！另见UU008120的留言。", Redactor.Redact(text, ["UU00812"]));
    }

    [Fact]
    public void KnownNames_BlankOrSingleCharacter_AreIgnored()
    {
        Assert.Equal("王府井大街", Redactor.Redact("王府井大街", ["王", " ", ""]));
        Assert.Equal("", Redactor.Redact(null, ["张三"]));
    }

    [Fact]
    public void Redact_WholeMessage_MasksEveryKindAndKeepsTheRest()
    {
        var text = "我叫李建国，住东风村3组12号，电话138-0013-8000，身份证310115198503151230，" +
                   "卡号6228 4800 1234 5671，邮箱ljg@example.com，车牌沪A12345。反映3号线站口积水，维修费300元，5月3日。";

        Assert.Equal(
            "我叫[姓名]，住东风村3组[门牌]，电话[电话]，身份证[身份证号]，" +
            "卡号[银行卡号]，邮箱[邮箱]，车牌[车牌]。反映3号线站口积水，维修费300元，5月3日。",
            Redactor.Redact(text));
    }
}
