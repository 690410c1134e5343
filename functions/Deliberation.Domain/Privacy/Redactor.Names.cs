using System.Text.RegularExpressions;

namespace Deliberation.Domain.Privacy;

public static partial class Redactor
{
    // The most common single-character surnames (百家姓 by frequency, ~120) and the usual compound ones.
    private const string Surnames =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常康易颜倪殷聂洪左柯解代文欧";

    private static readonly string[] CompoundSurnames =
        ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "长孙", "宇文", "司徒", "夏侯", "端木", "西门"];

    // Characters that end a name instead of belonging to it: particles, prepositions, pronouns, measure words.
    private const string NotInName = "的了是在于和与及跟同向给对被把从为也就都已说因所等这那我你他她们或而但并还又再很太最更之其此该有无不没个位名些各每到经";

    // Characters seldom the last of a three-character name but common right after a two-character one (杨柳来自…).
    private const string NotLastInName = "来今现住家男女系叫姓出到去自曾";

    // After 我是/本人/联系人 a "name" ending in one of these is a role or a place (江西人, 安置户, 李家村).
    private const string RoleOrPlaceEndings = "人员户者省市县区镇村乡族工商";

    private static readonly string[] NotNames = ["高中", "高中生", "高三", "高二", "高一", "高龄", "高度", "金融", "马上", "万科", "常住", "常年", "代表", "代理", "代为", "文员", "文明", "任职", "任何", "解释", "解决", "解答", "解除", "方面", "方便", "方可", "于是", "向其", "严重", "严格", "周边", "周围", "石头"];

    // Titles after a surname: 张主任 keeps the title, the surname goes.
    private static readonly string[] Titles =
        ["主任", "经理", "书记", "局长", "科长", "所长", "老师", "队长", "站长", "师傅", "先生", "女士", "小姐", "阿姨", "总", "老板",
         "市长", "县长", "区长", "镇长", "乡长", "村长", "省长", "部长", "厅长", "处长", "院长", "校长", "行长", "主席"];

    // What may follow a name found after a weak cue (我是/本人/联系人 …) besides punctuation, digits or the end.
    private static readonly string[] NameFollowers = ["今年", "现年", "家住", "住在", "现住", "身份证", "电话", "手机", "联系", "男", "女"];

    /// <summary>
    /// Masks personal names found by their cue: 我叫张三 → 我叫[姓名]; 我是/本人/姓名：/联系人：张三， (a name must be
    /// followed by punctuation or e.g. 今年/家住, so 我是一名退休教师 and 本人反映 survive); 我姓王 → 我姓[姓名];
    /// 邓浩志先生 → [姓名]先生 (a bare surname, 张先生, stays). A name starts with a common surname.
    /// </summary>
    private static string RedactNames(string text)
    {
        text = NameAfterCue().Replace(text, m => MaskCuedName(m.Value, m.Groups["name"], m.Groups["strong"].Success, m.Index, text));
        text = SurnameAfterXing().Replace(text, NameMask);
        return NameBeforeHonorific().Replace(text, m => MaskNameBeforeHonorific(m.Value, m.Index > 0 ? text[m.Index - 1] : ' '));
    }

    /// <summary>
    /// The personal names a text gives after a cue (我叫张三, 联系人：李四 …), e.g. to remove the reporter's own
    /// name wherever else it appears (a reply that greets them by name).
    /// </summary>
    public static IReadOnlyList<string> NamesIn(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var names = new List<string>();
        foreach (Match m in NameAfterCue().Matches(text))
        {
            var masked = MaskCuedName(m.Value, m.Groups["name"], m.Groups["strong"].Success, m.Index, text);
            var offset = m.Groups["name"].Index - m.Index;
            if (masked != m.Value && masked.AsSpan(offset).StartsWith(NameMask))
            {
                // What the mask replaced: the original minus the unchanged tail after the mask.
                var tail = masked.Length - offset - NameMask.Length;
                var name = m.Value[offset..^tail];
                if (name.Length >= 2)
                {
                    names.Add(name);
                }
            }
        }

        return names.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The personal names several texts give after a cue, each once: e.g. what the first reporter and every
    /// co-reporter of a case wrote, so that a reply naming any of them without a cue (张建国反映的问题已解决) is masked.
    /// </summary>
    public static IReadOnlyList<string> NamesIn(IEnumerable<string?> texts) =>
        texts.SelectMany(NamesIn).Distinct(StringComparer.Ordinal).ToList();

    private static string MaskCuedName(string match, Group name, bool strongCue, int matchIndex, string text)
    {
        var candidate = name.Value;
        var offset = name.Index - matchIndex;
        for (var length = Math.Min(candidate.Length, 4); length >= 2; length--)
        {
            var found = candidate[..length];
            var surname = SurnameLength(found);
            if (surname == 0 || length - surname > 2 || length == surname || !GivenNameOk(found, surname) || NotNames.Contains(found))
            {
                continue;
            }

            var title = Titles.FirstOrDefault(t => found.AsSpan(surname).SequenceEqual(t));
            if (title is not null)
            {
                return string.Concat(match.AsSpan(0, offset), NameMask, match.AsSpan(offset + surname));
            }

            if (!strongCue && (RoleOrPlaceEndings.Contains(found[^1], StringComparison.Ordinal) || !FollowsName(text, name.Index + length)))
            {
                continue;
            }

            return string.Concat(match.AsSpan(0, offset), NameMask, match.AsSpan(offset + length));
        }

        return match;
    }

    private static string MaskNameBeforeHonorific(string window, char before)
    {
        // The window is up to three Han characters just before 先生/女士/…: take the longest tail that is a full name.
        for (var start = 0; start < window.Length; start++)
        {
            var found = window[start..];
            var surname = SurnameLength(found);
            if (surname == 0 || found.Length - surname > 2)
            {
                continue;
            }

            // A surname alone (张先生, 王女士) is how Chinese text anonymises a person already: it stays.
            if (found.Length == surname
                || NotInName.Contains(found[0], StringComparison.Ordinal)
                || !GivenNameOk(found, surname)
                || Titles.Contains(found[surname..])
                || (found[0] == '谢' && "感多答致道鸣酬".Contains(start > 0 ? window[start - 1] : before, StringComparison.Ordinal)))
            {
                continue;
            }

            return string.Concat(window.AsSpan(0, start), NameMask);
        }

        return window;
    }

    private static int SurnameLength(string name)
    {
        if (name.Length >= 2 && CompoundSurnames.Any(s => name.StartsWith(s, StringComparison.Ordinal)))
        {
            return 2;
        }

        return Surnames.Contains(name[0], StringComparison.Ordinal) ? 1 : 0;
    }

    private static bool GivenNameOk(string name, int surname)
    {
        for (var i = surname; i < name.Length; i++)
        {
            if (NotInName.Contains(name[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return name.Length - surname < 2 || !NotLastInName.Contains(name[^1], StringComparison.Ordinal);
    }

    private static bool FollowsName(string text, int index) =>
        index >= text.Length || !IsHan(text[index]) || NameFollowers.Any(f => text.AsSpan(index).StartsWith(f, StringComparison.Ordinal));

    private static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';

    // Strong cues (我叫, 我爸叫 …) are followed by a name; weak ones (我是, 本人, 姓名, 联系人 …) only sometimes.
    [GeneratedRegex(
        @"(?:(?<strong>我叫|我名叫|我的名字叫|(?:我|本人)(?:爸|妈|父亲|母亲|爱人|丈夫|妻子|老公|老婆|儿子|女儿)叫)|我是|(?<!\[)(?:本人)?姓名(?:是|为|叫)?|本人(?:是|叫)?|联系人|户主|申请人|投诉人|举报人)" +
        @"[:：,， ]{0,2}(?<name>[\u4e00-\u9fff]{2,4})")]
    private static partial Regex NameAfterCue();

    // 我姓王 → 我姓[姓名], 姓王的女士 → 姓[姓名]的女士; not 老百姓, 姓名.
    [GeneratedRegex(
        @"(?<=(?<!百)姓)(?:欧阳|司马|诸葛|上官|东方|皇甫|尉迟|公孙|慕容|令狐|长孙|宇文|司徒|夏侯|端木|西门|[" + Surnames + @"])(?=的|先生|女士|小姐|阿姨|师傅|[，。、,.;；!！ ]|$)")]
    private static partial Regex SurnameAfterXing();

    [GeneratedRegex(@"[\u4e00-\u9fff]{1,3}(?=先生|女士|小姐|阿姨|师傅)")]
    private static partial Regex NameBeforeHonorific();
}
