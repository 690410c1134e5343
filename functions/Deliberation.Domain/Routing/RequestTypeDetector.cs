using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Routing;

/// <summary>
/// 诉求类型 from the resident's words, as a 12345 operator would judge it: an explicit word (我要举报,
/// 投诉, 咨询 …) decides; otherwise cues are weighed. Simplified and traditional script alike.
/// </summary>
public static class RequestTypeDetector
{
    private static readonly (RequestType Type, string[] Words)[] Explicit =
    [
        (RequestType.Report, ["举报", "舉報", "检举", "檢舉", "揭发", "揭發"]),
        (RequestType.Praise, ["表扬", "表揚", "点赞", "點讚", "點贊", "赞扬", "讚揚", "锦旗", "錦旗"]),
        (RequestType.Complaint, ["投诉", "投訴"]),
        (RequestType.HelpRequest, ["求助", "求救", "救助"]),
        (RequestType.Consultation, ["咨询", "諮詢", "咨詢", "请问", "請問"]),
        (RequestType.Suggestion, ["建议", "建議", "提议", "提議"]),
    ];

    private static readonly (RequestType Type, int Weight, string[] Words)[] Cues =
    [
        (RequestType.Report, 3, ["偷排", "非法", "违法", "違法", "涉嫌", "私自", "偷偷"]),
        (RequestType.Complaint, 2, ["扰民", "擾民", "不作为", "不作為", "没人管", "沒人管", "无人管", "無人管", "多次反映", "反映多次", "严重影响", "嚴重影響", "拖延", "态度恶劣", "態度惡劣", "一直没", "还没", "還沒", "至今", "太吵", "受不了"]),
        (RequestType.HelpRequest, 2, ["帮忙", "幫忙", "帮助", "幫助", "帮帮", "幫幫", "困难", "困難", "无人照顾", "無人照顧", "怎么办", "怎麼辦", "被困"]),
        (RequestType.Consultation, 2, ["如何办理", "怎么办理", "怎麼辦理", "需要什么材料", "需要哪些材料", "什么时候", "什麼時候", "是否可以", "能不能办", "在哪里办", "在哪裡辦", "多少钱", "流程"]),
        (RequestType.Suggestion, 2, ["希望", "能否", "可否", "增设", "增設", "增加", "改进", "改進", "呼吁", "呼籲", "最好能", "是不是可以"]),
        (RequestType.Praise, 2, ["感谢", "感謝", "非常满意", "非常滿意", "及时解决", "及時解決", "辛苦了"]),
        (RequestType.Complaint, 1, ["坏了", "壞了", "不亮", "堵塞", "漏水", "噪音", "噪聲", "臭", "乱", "亂", "占用", "佔用"]),
    ];

    public static RequestType Detect(string text)
    {
        foreach (var (type, words) in Explicit)
        {
            if (words.Any(text.Contains))
            {
                return type;
            }
        }

        var scores = new Dictionary<RequestType, int>();
        foreach (var (type, weight, words) in Cues)
        {
            var hits = words.Count(text.Contains);
            if (hits > 0)
            {
                scores[type] = scores.GetValueOrDefault(type) + (hits * weight);
            }
        }

        // Politeness ("请尽快处理，谢谢") is not praise when there is a problem in the same message.
        if (scores.ContainsKey(RequestType.Praise) && scores.Keys.Any(t => t is RequestType.Complaint or RequestType.Report or RequestType.HelpRequest))
        {
            scores.Remove(RequestType.Praise);
        }

        if (scores.Count == 0)
        {
            return text.Contains('？') || text.Contains('?') ? RequestType.Consultation : RequestType.Suggestion;
        }

        return scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key).First().Key;
    }
}
