using System.Text.RegularExpressions;

namespace Deliberation.Domain.Routing;

/// <summary>
/// The words around a danger word that say whether the danger is happening now (正在, 还在, 叫不醒), is over or was
/// prevented (去年, 已经修好, 演练), or is not a danger at all (火锅, 电费, 上火).
/// </summary>
internal static class UrgencyCues
{
    /// <summary>
    /// Everyday words that contain a danger word or a hazard ("火锅", "电费", "发火", "烧烤", "抽烟"). They are blanked out
    /// before anything is matched, so "火锅店门口烟很大" is judged on "烟很大" alone and "电费" never names electricity.
    /// </summary>
    public static readonly string[] OtherSenses =
    [
        "火锅", "火鍋", "火车", "火車", "上火", "发火", "發火", "火大", "火爆", "红火", "火气", "火腿", "火柴", "火箭", "灭火器", "滅火器", "消防",
        "防火", "烟熏火燎", "抽烟", "吸烟", "香烟", "烟草", "烟酒", "烟花", "烟感", "烟雾报警", "烟雾传感", "排烟", "油烟", "烟囱", "烟头",
        "烧烤", "燒烤", "烧饭", "烧菜", "烧水", "红烧", "发烧", "高烧", "烧纸",
        "电费", "電費", "电话", "電話", "电动车", "電動車", "电瓶车", "电池", "电视", "电脑", "电竞", "电鱼", "电商", "停电", "来电", "充电",
        "电影", "电子",
        "水费", "水費", "水压", "水池", "游泳池", "喷泉", "水果", "水电费", "打水漂",
        "煤气费", "燃气费", "煤氣費", "燃氣費", "燃气卡",
        "打电话", "打個電話", "打车", "打游戏", "打扫", "打卡", "打针", "打疫苗", "打折", "打听", "打算", "打工", "打包", "打印", "打招呼",
        "打麻将", "打牌", "打球", "打架子鼓", "打一个电话", "打雷",
        "困扰", "困擾", "困难户", "气炸", "炸了锅", "爆米花", "撞歪", "撞坏", "反家暴", "按了没反应", "点了没反应", "没反应过来",
        "救生员", "救护车", "急救知识", "井盖", "漏水", "倒垃圾", "乱倒", "倒车", "倒是", "倒闭", "倒班", "颠倒",
    ];

    /// <summary>Signs that the danger is happening now, even where the clause also names the past or prevention.</summary>
    public static readonly string[] Present =
    [
        "正在", "现在", "現在", "还在", "還在", "一直", "在往", "刚刚", "刚才", "快来", "快派", "快点", "赶紧", "赶快", "马上", "立即", "救命",
        "救救", "越来越", "又", "咋整", "now", "help",
    ];

    /// <summary>The present said outright: enough to make a bare hazard ("电线…还在") worth a look, where "一直" or "现在" is not.</summary>
    public static readonly string[] ClearPresent =
    [
        "正在", "还在", "還在", "在往", "刚刚", "刚才", "快来", "快派", "赶紧", "赶快", "马上", "立即", "救命", "救救", "越来越", "咋整",
    ];

    /// <summary>Weaker signs of the present (a "了" after the word, "流血"): enough beside worry, not beside "已经修好".</summary>
    public static readonly string[] WeakPresent = ["被困", "流血", "不停", "很浓", "好浓", "很重", "好重", "很大", "好大", "今天", "在漏", "在冒"];

    /// <summary>Prevention, a drill, a hypothetical or the past: in the word's own clause these cancel it (unless it is present too).</summary>
    public static readonly string[] PastOrPrevention =
    [
        // prevention, drills, hazards to fix
        "隐患", "隱患", "宣传", "宣傳", "演练", "演練", "演习", "演習", "演示", "预防", "預防", "防范", "防範", "防止", "以防", "以免",
        "避免", "讲座", "知识", "安装", "加装", "普法", "培训", "假装", "模拟", "drill", "prevent",
        // the past ("到现在" is "ever since", not now)
        "到现在", "去年", "前年", "上个月", "上個月", "上月", "上周", "上礼拜", "上星期", "上次", "上回", "以前", "之前", "曾经", "曾經",
        "前几天", "前天", "年前", "前几年", "那年", "年的时候", "发生过", "出过", "小时候", "前段时间", "那场", "那次", "查过", "检查过", "来看过", "last year",
        // hypothetical
        "万一", "萬一", "如果", "要是", "会不会", "會不會", "容易", "哪天", "迟早", "早晚", "以后", "将来", "汛期", "怕出",
        // chronic: a standing nuisance, not an event
        "老是", "总是", "經常", "经常", "每天", "天天", "每次", "一到",
    ];

    /// <summary>It is over: repaired, put out, rescued, found. Only "again" or "still" brings it back.</summary>
    public static readonly string[] Resolved =
    [
        "修好", "修复", "处理好", "处理了", "已处理", "解决了", "已解决", "抽干", "救上来", "救出来", "救起来", "安置好", "修缮", "换新", "换了新",
        "换好", "接好", "疏通好", "砌好", "扑灭", "灭了", "恢复", "没什么事", "人没事", "没人受伤", "拖走", "带走", "找到了", "找着了",
        "不是漏气", "fixed",
    ];

    /// <summary>The danger continues after a repair ("修好的管道现在又有煤气味").</summary>
    public static readonly string[] Ongoing = ["又", "还在", "還在", "现在", "現在"];

    /// <summary>
    /// A request to repair or replace, anywhere in the text: a described hazard ("桥栏杆断了") is then a thing to fix,
    /// unless the text also says it is happening now.
    /// </summary>
    public static readonly string[] RepairRequest = ["尽快修", "维修", "修一下", "修理", "来修", "更换", "换一下", "整改", "加固", "申请", "鉴定", "检测"];

    /// <summary>A year named ("九八年", "2019年"): the past.</summary>
    public static readonly Regex Year = new("([0-9]{2,4}|[〇零一二三四五六七八九]{2,4})年", RegexOptions.CultureInvariant);

    /// <summary>Worry, a check request or a suggestion: they cancel nothing where the danger is present.</summary>
    public static readonly string[] Softeners = ["担心", "擔心", "害怕", "怕", "担忧", "检查", "檢查", "排查", "建议", "建議", "希望"];

    public static readonly string[] Negations = ["没", "沒", "没有人", "没人", "不", "不是", "未", "无", "無", "并非", "别"];

    /// <summary>A call for help anywhere in the text: beside any hazard it is worth a dispatcher's look.</summary>
    public static readonly string[] Pleas = ["快来人", "快派人", "快派", "快来", "快來", "赶紧来", "赶紧派", "赶快来", "救救", "救命", "咋整", "怎么办啊"];

    /// <summary>An elderly person living alone who cannot be reached: possibly fallen, so a dispatcher looks.</summary>
    public static readonly string[] LivingAlone = ["独居", "獨居", "一个人住", "一个人在家", "自己在家", "自己住", "孤老", "孤寡", "空巢"];

    public static readonly string[] Unreachable =
    [
        "没人应", "没人接", "都不接", "不接电话", "没出门", "没见人", "没见到", "没见着", "没动静", "没开门", "打不开", "联系不上", "没声音",
    ];

    public static readonly Regex HasSmell = new("有.{0,8}味", RegexOptions.CultureInvariant);

    public static readonly Regex ClauseBreak = new(@"[，。！？；：,.!?;:\n\r、…]+|(?=但是|可是|不过|结果)", RegexOptions.CultureInvariant);

    /// <summary>Blanks out <see cref="OtherSenses"/>, keeping every position (and so every clause break) where it was.</summary>
    public static string MaskOtherSenses(string text)
    {
        var chars = text.ToCharArray();
        foreach (var word in OtherSenses)
        {
            for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                Array.Fill(chars, '□', at, word.Length);
            }
        }

        return new string(chars);
    }
}
