using System.Text.RegularExpressions;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Routing;

/// <summary>How urgent a text is, and why (shown to the dispatcher on the timeline).</summary>
/// <param name="Word">The danger word that decided it, if any.</param>
/// <param name="Clause">The clause it stood in.</param>
public sealed record UrgencyAssessment(Urgency Urgency, string? Word, string? Clause, string Reason)
{
    public static readonly UrgencyAssessment None = new(Urgency.Normal, null, null, "no danger word");
}

/// <summary>
/// Present danger (gas, fire, flooding into homes, collapse, live wires, a person trapped, drowning or hurt, an elderly
/// person living alone who has fallen, violence), judged clause by clause. A danger word counts unless its own clause
/// says it is prevented, past, hypothetical or repaired (隐患, 宣传, 演练, 去年, 已经修好, 万一); worry (担心, 怕) and a
/// request to check do not cancel it, and history in another clause ("着火了！去年也着过一次") does not touch it.
/// Where a clause holds both present danger and a cancelling word, or only an ambiguous word, the text is a
/// <see cref="Urgency.PossibleEmergency"/>: a missed gas leak costs lives, a false alarm a dispatcher's minute.
/// </summary>
public static class UrgencyDetector
{
    /// <summary>Words of present danger the detector always knows; a town's own emergency words add to them.</summary>
    public static readonly IReadOnlyList<string> CoreWords =
    [
        // gas and fumes
        "煤气味", "燃气味", "天然气味", "瓦斯味", "液化气味", "臭鸡蛋味", "煤氣味", "燃氣味",
        "燃气泄漏", "燃气泄露", "燃氣洩漏", "天然气泄漏", "天然气泄露", "煤气泄漏", "煤气泄露", "漏气", "漏氣", "冒气",
        "煤气中毒", "烧炭", "gas leak",

        // fire and smoke
        "着火", "著火", "起火", "失火", "火灾", "火災", "浓烟", "黑烟", "烧起来", "燒起來", "火苗", "火势", "火勢",
        "自燃", "烧焦", "火很大", "火烧到", "燒到", "烧到", "fire",

        // water into homes
        "进水", "進水", "倒灌", "漫进", "灌进", "淹了", "被淹", "被水淹", "水淹", "淹水", "泡在水里", "决口", "决堤", "溃堤", "洪水",

        // collapse
        "坍塌", "倒塌", "塌了", "塌方", "塌陷", "塌下来", "震塌", "墙塌", "牆塌", "房子塌", "刮倒", "被压在", "压在人", "砸到人", "砸在",
        "墙倒", "树倒", "杆倒", "砸到", "压到", "往下掉", "挖破", "挖断", "泄漏", "泄露", "洩漏", "刺鼻",

        // electricity
        "触电", "觸電", "漏电", "漏電", "被电", "电到", "带电", "有电", "火花", "电线掉", "电线断", "电线刮断", "压断了电线",
        "电线拖", "电线搭", "高压线", "垂下来", "麻脚", "麻手",

        // trapped
        "被困", "困在", "困住", "卡在", "出不来", "被关在", "锁在", "反锁", "下不来",

        // drowning, injury, sudden illness
        "落水", "溺水", "掉进河", "掉进水", "掉进去", "不会游泳", "扑腾", "滑下去", "没上来", "没看见上来", "流血", "出血", "满脸是血", "头破", "受伤", "受傷",
        "被车撞", "撞倒", "摔下来", "掉下来了", "晕倒", "暈倒", "昏迷", "叫不醒", "没有反应", "没反应", "抽搐", "口吐白沫",
        "没有呼吸", "说不出话", "动不了", "农药", "中毒", "救命", "呼救",

        // an elderly person who has fallen
        "摔倒", "跌倒", "摔了", "起不来", "爬不起来", "躺在地上", "倒在",

        // violence
        "拿着刀", "拿刀", "持刀", "砍人", "砍伤", "打人", "打老婆", "打我", "打孩子", "打一个", "打起来", "打架", "围殴", "殴打",
        "家暴", "弄死", "杀人", "伤人", "砸车",
    ];

    /// <summary>Words that do often mean danger but just as often not ("冒烟" of a street stall): alone they make a possible emergency.</summary>
    private static readonly HashSet<string> Ambiguous =
    [
        "冒气", "有电", "卡在", "锁在", "下不来", "出不来", "垂下来", "摔了", "打架", "砸在", "动不了", "说不出话", "火花", "中毒",
        "摔倒", "跌倒", "倒在", "高压线", "受伤", "受傷", "倒灌", "冒烟", "砸到", "压到", "往下掉", "挖破", "挖断", "泄漏", "泄露", "洩漏",
        "刺鼻", "墙倒", "树倒", "杆倒", "滑下去",
    ];

    /// <summary>A word that looks like danger inside an everyday word ("被困扰", "火锅").</summary>
    private static readonly string[] NotDanger = ["困扰", "困擾", "火锅", "火鍋", "火车", "火車", "打架子鼓", "打一个电话", "电动车", "電動車", "电瓶车", "电话", "電話"];

    /// <summary>The danger is prevented, past, hypothetical or repaired: in the word's own clause, these cancel it.</summary>
    private static readonly string[] Cancels =
    [
        // prevention
        "隐患", "隱患", "宣传", "宣傳", "演练", "演練", "演习", "演習", "预防", "預防", "防范", "防範", "防止", "以防", "以免",
        "避免", "讲座", "知识", "安装", "加装", "普法",
        // the past ("到现在" is "ever since", not now)
        "到现在", "去年", "前年", "上个月", "上個月", "上月", "上周", "上次", "以前", "之前", "曾经", "曾經", "前几天", "前天", "年前", "年的时候",
        // hypothetical
        "万一", "萬一", "如果", "要是", "会不会", "會不會", "容易", "哪天", "迟早", "早晚", "以后", "将来", "汛期",
        // repaired, handled, over
        "修好", "修复", "处理好", "处理了", "已处理", "解决了", "已解决", "抽干", "救上来", "救出来", "安置好", "修缮", "换新", "换了新",
        "砌好", "扑灭", "恢复", "没什么事",
    ];

    /// <summary>Worry, a check request or a suggestion: they cancel nothing where the danger is present.</summary>
    private static readonly string[] Softeners = ["担心", "擔心", "害怕", "怕", "担忧", "检查", "檢查", "排查", "建议", "建議"];

    /// <summary>Present tense: the danger is happening now, even where the clause also names the past or prevention.</summary>
    private static readonly string[] Present =
    [
        "正在", "现在", "現在", "还在", "一直", "在往", "刚刚", "刚才", "快来", "快派", "快点", "赶紧", "赶快", "马上", "立即", "救命",
        "越来越", "又", "now",
    ];

    /// <summary>Weaker signs of the present (a "了" after the word, "被困", "流血"): enough beside worry, not beside "已经修好".</summary>
    private static readonly string[] WeakPresent = ["被困", "流血", "不停", "很浓", "好浓", "很重", "好大", "很大", "今天"];

    private static readonly Regex HasSmell = new("有.{0,8}味", RegexOptions.CultureInvariant);

    private static readonly Regex ClauseBreak = new(@"[，。！？；：,.!?;:\n\r、…]+|(?=但是|可是|不过|结果)", RegexOptions.CultureInvariant);

    /// <summary>An elderly person living alone who cannot be reached: possibly fallen, so a dispatcher looks.</summary>
    private static readonly string[] LivingAlone = ["独居", "獨居", "一个人住", "孤老", "孤寡", "空巢"];

    private static readonly string[] Unreachable = ["没人应", "没人接", "没出门", "没见人", "没见到", "没动静", "没开门", "打不开"];

    private static readonly string[] Negations = ["没", "沒", "没有人", "没人", "不", "不是", "未", "无", "無", "并非", "别"];

    public static Urgency Detect(string text, IEnumerable<string> emergencyWords) => Assess(text, emergencyWords).Urgency;

    public static UrgencyAssessment Assess(string text, IEnumerable<string> emergencyWords)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return UrgencyAssessment.None;
        }

        var words = CoreWords.Concat(emergencyWords).Where(w => !string.IsNullOrWhiteSpace(w)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var possible = default(UrgencyAssessment);
        foreach (var (clause, closing) in Clauses(text))
        {
            foreach (var word in words)
            {
                for (var at = clause.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = clause.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    var verdict = Judge(clause, closing, word, at);
                    if (verdict == Urgency.Emergency)
                    {
                        return new(Urgency.Emergency, word, clause, $"“{word}” in “{clause}”");
                    }

                    if (verdict == Urgency.PossibleEmergency)
                    {
                        possible ??= new(Urgency.PossibleEmergency, word, clause, $"unsure: “{word}” in “{clause}”");
                    }
                }
            }
        }

        if (possible is not null)
        {
            return possible;
        }

        return LivingAlone.Any(text.Contains) && Unreachable.Any(text.Contains)
            ? new(Urgency.PossibleEmergency, null, null, "an elderly person living alone who cannot be reached")
            : UrgencyAssessment.None;
    }

    private static Urgency Judge(string clause, bool exclaimed, string word, int at)
    {
        if (!IsWholeWord(clause, at, word) || InsideEverydayWord(clause, at, word) || Negated(clause, at))
        {
            return Urgency.Normal;
        }

        var after = clause[(at + word.Length)..];
        var now = clause.Replace("到现在", "", StringComparison.Ordinal);
        var present = exclaimed || Present.Any(p => now.Contains(p, StringComparison.OrdinalIgnoreCase)) || HasSmell.IsMatch(clause);
        var presentAtAll = present || after.Contains('了') || WeakPresent.Any(clause.Contains);
        var cancelled = Cancels.Any(clause.Contains) || after.StartsWith('过') || after.StartsWith('過');
        if (cancelled)
        {
            // Past or prevention beside a clear present ("去年修好的管道现在又有煤气味"): unsure, so a dispatcher looks.
            return present ? Urgency.PossibleEmergency : Urgency.Normal;
        }

        if (Softeners.Any(clause.Contains))
        {
            // Worry or a check request cancels nothing present; alone ("担心引发火灾") it is a hazard to fix.
            return presentAtAll ? Urgency.Emergency : Urgency.Normal;
        }

        if (Ambiguous.Contains(word))
        {
            return presentAtAll ? Urgency.Emergency : Urgency.PossibleEmergency;
        }

        return Urgency.Emergency;
    }

    /// <summary>The clauses of the text, each with whether it ends in an exclamation ("着火了！").</summary>
    private static IEnumerable<(string Clause, bool Exclaimed)> Clauses(string text)
    {
        var start = 0;
        foreach (Match m in ClauseBreak.Matches(text))
        {
            if (m.Index > start)
            {
                yield return (text[start..m.Index], m.Value.Contains('！') || m.Value.Contains('!'));
            }

            start = m.Index + m.Length;
        }

        if (start < text.Length)
        {
            yield return (text[start..], false);
        }
    }

    /// <summary>ASCII words ("fire") must not match inside other words ("firewood").</summary>
    private static bool IsWholeWord(string text, int at, string word)
    {
        if (!word.All(char.IsAscii))
        {
            return true;
        }

        var before = at == 0 || !char.IsAsciiLetter(text[at - 1]);
        var end = at + word.Length;
        var after = end >= text.Length || !char.IsAsciiLetter(text[end]);
        return before && after;
    }

    private static bool InsideEverydayWord(string clause, int at, string word) =>
        NotDanger.Any(n =>
        {
            for (var i = clause.IndexOf(n, StringComparison.Ordinal); i >= 0; i = clause.IndexOf(n, i + 1, StringComparison.Ordinal))
            {
                if (i < at + word.Length && at < i + n.Length)
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>"没有人受伤", "打不着火", "不是火灾": a negation just before the word.</summary>
    private static bool Negated(string clause, int at)
    {
        var before = clause[..at];
        return Negations.Any(n => before.EndsWith(n, StringComparison.Ordinal));
    }
}
