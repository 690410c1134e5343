using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;

namespace Deliberation.Storage.Residents;

/// <summary>
/// What residents ask of the system in a message rather than a suggestion, on any channel: where is my
/// case (查询 / CX), and how satisfied am I (1 / 2 / 3 in answer to the survey). Answers are short texts
/// with only what the public view shows (state and unit).
/// </summary>
public sealed class ResidentRequests(ResidentDirectory residents, CaseRuntime runtime, TownState town, TimeProvider time)
{
    private static readonly CaseStatus[] Rateable = [CaseStatus.Responded, CaseStatus.Declined, CaseStatus.PublicReview];

    public static string StatusName(CaseStatus status) => status switch
    {
        CaseStatus.Received => "已受理",
        CaseStatus.Triage => "分拨中",
        CaseStatus.Dispatched => "已派单",
        CaseStatus.Acknowledged => "已签收",
        CaseStatus.InProgress => "办理中",
        CaseStatus.Responded => "已答复",
        CaseStatus.Declined => "已说明不予办理",
        CaseStatus.InDeliberation => "议事会审议中",
        CaseStatus.PublicReview => "结果公示中",
        CaseStatus.Closed => "已办结",
        _ => status.ToString(),
    };

    /// <summary>The state of one case, or of the resident's latest cases when no number is given.</summary>
    public async Task<string> StatusAsync(string residentKey, string? caseId, CancellationToken cancellationToken)
    {
        if (caseId is not null)
        {
            var found = await runtime.Store.GetStateAsync(caseId, cancellationToken);
            return found is { State: var state } ? Line(state) : $"未找到编号为{caseId}的诉求，请核对编号。";
        }

        var mine = await residents.CasesAsync(residentKey, 3, cancellationToken);
        if (mine.Count == 0)
        {
            return "您还没有提交过诉求。直接发送您的意见建议即可提交。";
        }

        var lines = new List<string>();
        foreach (var item in mine)
        {
            if ((await runtime.Store.GetStateAsync(item.CaseId, cancellationToken))?.State is { } state)
            {
                lines.Add(Line(state));
            }
        }

        return string.Join("\n", lines);
    }

    /// <summary>Applies a survey answer to the resident's latest case that is waiting for one.</summary>
    public async Task<string> RateAsync(string residentKey, Satisfaction score, string messageId, CancellationToken cancellationToken)
    {
        foreach (var item in await residents.CasesAsync(residentKey, 10, cancellationToken))
        {
            var state = (await runtime.Store.GetStateAsync(item.CaseId, cancellationToken))?.State;
            if (state is not null && Rateable.Contains(state.Status))
            {
                var result = await runtime.HandleAsync(state.CaseId, new Rate(messageId, time.GetUtcNow(), score), cancellationToken);
                return result.Outcome == CaseOutcome.Rejected
                    ? $"诉求{state.CaseId}当前无法评价。"
                    : score == Satisfaction.Dissatisfied && result.State?.Status == CaseStatus.Dispatched
                        ? $"已收到您的评价（不满意），诉求{state.CaseId}已退回重新办理。"
                        : $"感谢您对诉求{state.CaseId}的评价。";
            }
        }

        return "您目前没有待评价的诉求。";
    }

    private string Line(CaseState state)
    {
        var unit = state.UnitId is null ? "" : $"，承办单位：{town.Context.Directory.FindUnit(state.UnitId)?.Name ?? state.UnitId}";
        return $"诉求{state.CaseId}：{StatusName(state.Status)}{unit}";
    }
}
