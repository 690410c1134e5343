using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Publication;

/// <summary>
/// The public clock of a case before a committee, in the words residents read on every channel and page:
/// when its meeting decides, when the decision is published, until when it can be objected to. Dates are
/// the town's calendar days (M月d日).
/// </summary>
public static class PublicClock
{
    /// <summary>The line for a case in deliberation or in the review of its decision; null in any other state.</summary>
    public static string? Line(CaseState state, TimeZoneInfo zone) => state.Status switch
    {
        CaseStatus.InDeliberation => DeliberationLine(state, zone),
        CaseStatus.DecisionReview when state.Decision is { } decision => ReviewLine(state.CaseId, decision, zone),
        _ => null,
    };

    /// <summary>
    /// On an agenda: "将于12月3日在村委会会议室召开的议事会上决定，决定于12月7日前公布"; not yet:
    /// "待列入议事会议程，最迟12月15日前安排".
    /// </summary>
    public static string DeliberationLine(CaseState state, TimeZoneInfo zone)
    {
        if (state.Meeting is { } meeting)
        {
            var place = string.IsNullOrWhiteSpace(meeting.Place) ? "" : $"在{meeting.Place.Trim()}";
            var due = state.DecisionDueAt is { } decisionDue ? $"，决定于{Date(decisionDue, zone)}前公布" : "";
            return $"将于{Date(meeting.At, zone)}{place}召开的议事会上决定{due}";
        }

        return state.DecisionDueAt is { } scheduleBy ? $"待列入议事会议程，最迟{Date(scheduleBy, zone)}前安排" : "待列入议事会议程";
    }

    /// <summary>"决议公示至12月8日，期间可回复“异议202611240001 理由”提出异议".</summary>
    public static string ReviewLine(string caseId, MeetingDecision decision, TimeZoneInfo zone) =>
        $"决议公示至{Date(decision.ReviewEndsAt, zone)}，期间可回复“异议{caseId} 理由”提出异议";

    /// <summary>The decision after its review: reopened by objections, or standing.</summary>
    public static string AfterReviewLine(MeetingDecision decision, TimeZoneInfo zone) => decision.Reopened
        ? "因居民异议达到规定人数，决议已重新提交议事会审议"
        : $"决议公示已于{Date(decision.ReviewEndsAt, zone)}结束，决议维持不变";

    /// <summary>A calendar day in the town's zone: "12月3日".</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return $"{local.Month}月{local.Day}日";
    }

    public static string OutcomeName(DeliberationOutcome outcome) => outcome switch
    {
        DeliberationOutcome.Adopted => "通过",
        DeliberationOutcome.Rejected => "未通过",
        DeliberationOutcome.Deferred => "暂缓表决",
        _ => outcome.ToString(),
    };
}
