using System.Text.RegularExpressions;

namespace Deliberation.Domain.Privacy;

public static partial class Redactor
{
    // The last character of a road, lane, village, estate or building name: a 号 right after one is a house number.
    private const string PlaceSuffixes = "路街道巷弄里村宅组庄屯寨湾坊苑园庭府居邸墅寓厦院区同队社镇乡城";

    /// <summary>
    /// Masks house and room numbers but keeps the place: 锦绣华庭3号楼2单元501室 → 锦绣华庭[门牌], 东宅12号 → 东宅[门牌],
    /// 张泾路88弄5号302 → 张泾路[门牌]. A run of numbered units is masked when it reaches a dwelling (室, 房, a bare number
    /// after a unit, 3-2-501 after a place) or is a 号/弄 straight after a road or village name. A building on its own
    /// (小区21栋南侧, 5号楼) stays, and so do 3号线, 12号文件, 5月3号, 3室2厅, 2户 and the like. Full-width numbers
    /// (３号楼５０１室) are read as half-width ones.
    /// </summary>
    private static string RedactHouseNumbers(string text)
    {
        var folded = FoldWidth(text);
        System.Text.StringBuilder? sb = null;
        var copied = 0;
        foreach (Match m in HouseNumberRun().Matches(folded))
        {
            if (IsHouseNumber(folded, m))
            {
                sb ??= new System.Text.StringBuilder(text.Length);
                sb.Append(text, copied, m.Index - copied).Append(HouseNumberMask);
                copied = m.Index + m.Value.TrimEnd().Length; // a space the run took after the number stays
            }
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    private static bool IsHouseNumber(string text, Match m)
    {
        var units = m.Groups["unit"].Captures;
        var trailing = m.Groups["trail"].Success;
        var dashes = 0;
        var room = trailing && m.Groups["trailUnit"].Success;
        var building = false;
        for (var i = 0; i < units.Count; i++)
        {
            switch (units[i].Value)
            {
                case "-" or "－" or "—":
                    dashes++;
                    break;
                case "室" or "号房" or "房":
                    if (IsFloorPlan(text, units[i].Index + units[i].Length))
                    {
                        return false; // 3室2厅, 2房1厅: a flat's layout
                    }

                    room = true;
                    break;
                case "户":
                    // 3#103户 and 第4栋36户 are flats; 2户 and 共有10栋460户 are counts.
                    room |= i > 0 && !(m.Index > 0 && "共有计约达余".Contains(text[m.Index - 1], StringComparison.Ordinal));
                    break;
                case "号" when building:
                    room = true; // 1栋405号: a flat in a building
                    break;
                default:
                    building = true;
                    break;
            }
        }

        if (units[0].Value == "号" && m.Index > 0 && "〕]】)）第字令".Contains(text[m.Index - 1], StringComparison.Ordinal))
        {
            return false; // a document or serial number: 〔2018〕75号, 第3号
        }

        var afterPlace = AfterPlace(text, m.Index);
        if (room || (trailing && building))
        {
            return true;
        }

        if (!afterPlace)
        {
            return false;
        }

        // After a place name: 东宅12号, 张泾路88弄, 锦绣华庭3-2-501 (but not a lone 2019-05).
        var first = units[0].Value;
        return first is "号" or "弄" or "号院" || (dashes >= 2 && trailing);
    }

    private static bool AfterPlace(string text, int index)
    {
        var i = index - 1;
        while (i >= 0 && text[i] == ' ')
        {
            i--;
        }

        return i >= 0 && PlaceSuffixes.Contains(text[i], StringComparison.Ordinal);
    }

    private static bool IsFloorPlan(string text, int index)
    {
        var i = index;
        while (i < text.Length && text[i] == ' ')
        {
            i++;
        }

        if (i < text.Length && (char.IsAsciiDigit(text[i]) || "一二两三四五六".Contains(text[i], StringComparison.Ordinal)))
        {
            i++;
        }

        return i < text.Length && text[i] is '厅' or '卫';
    }

    // One or more "number + unit" (3号楼, 2单元, 88弄, 5号, b4栋, 3-), then optionally a bare room number (302, 501室).
    // 号 is not a unit before 线/文/令/车/门 … (3号线, 12号文件, 13号车); 房 not before 屋/子/产 … (房屋, 房子, 房产).
    // A trailing number must not be a year, an amount or a time (5号 2019年, 3号10点). Every repetition consumes a
    // unit character, so the pattern backtracks linearly.
    [GeneratedRegex(
        @"(?<![0-9A-Za-z.#])(?:(?:[A-Za-z]?[0-9]{1,5}[A-Za-z]?|[A-Za-z])\s?(?<unit>号楼|号栋|号幢|号院|号房(?![屋子产地价东源间型贷款改证本管])|号(?![线文令字公通窗车机床柜门口台位站码路街道桥地仓库井泵标段桩场坑塘池箱杆县国省])|栋|幢|座|单元|弄|楼|层|室|房(?![屋子产地价东源间型贷款改证本管])|户(?!型)|[#\-－—])\s?)+" +
        @"(?<trail>[0-9]{1,5}[A-Za-z]?(?<trailUnit>\s?(?:室|房(?![屋子产地价东源间型贷款改证本管])))?(?![0-9A-Za-z.:：+＋年月日时分秒元万个户人岁次天周号点平米%条款项期届批页份张件名位辆台套余多地型]|单位))?")]
    private static partial Regex HouseNumberRun();
}
