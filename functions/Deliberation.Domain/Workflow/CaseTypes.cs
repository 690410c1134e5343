using System.Text.Json.Serialization;

namespace Deliberation.Domain.Workflow;

/// <summary>Where a case stands in its lifecycle (DESIGN §2).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus
{
    /// <summary>受理: accepted and durably stored, waiting to be classified and routed.</summary>
    Received,

    /// <summary>Routing could not place it: the dispatch centre sorts it by hand.</summary>
    Triage,

    /// <summary>派单: sent to a unit, waiting for it to sign for the case.</summary>
    Dispatched,

    /// <summary>签收: the unit has signed for it.</summary>
    Acknowledged,

    /// <summary>办理: the unit reported work on it.</summary>
    InProgress,

    /// <summary>办结: the unit replied; waiting to be published for review.</summary>
    Responded,

    /// <summary>The unit declined with a stated reason; published for review like a reply.</summary>
    Declined,

    /// <summary>提交议事: waiting for a committee's deliberation meeting to decide.</summary>
    InDeliberation,

    /// <summary>公示: published (redacted); satisfaction and objections are collected.</summary>
    PublicReview,

    /// <summary>决议公开: a meeting's decision is published for review; residents may object until the review ends.</summary>
    DecisionReview,

    /// <summary>归档: final.</summary>
    Closed,
}

/// <summary>诉求类型, as 12345 hotlines classify requests.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RequestType>))]
public enum RequestType
{
    /// <summary>咨询</summary>
    Consultation,

    /// <summary>求助</summary>
    HelpRequest,

    /// <summary>投诉</summary>
    Complaint,

    /// <summary>举报</summary>
    Report,

    /// <summary>建议</summary>
    Suggestion,

    /// <summary>表扬</summary>
    Praise,
}

[JsonConverter(typeof(JsonStringEnumConverter<Urgency>))]
public enum Urgency
{
    Normal,

    /// <summary>Gas, fire, collapse, a person in danger: straight to the town with an alert.</summary>
    Emergency,

    /// <summary>
    /// The text may describe present danger but the detector is unsure (an emergency word beside a "past" or "prevention"
    /// word, an elderly person living alone not answering): it goes to the dispatch centre on the emergency's clock with an
    /// alert, and a dispatcher confirms or downgrades it.
    /// </summary>
    PossibleEmergency,
}

public static class UrgencyLevels
{
    /// <summary>The word staff read: 普通, 紧急, 可能紧急.</summary>
    public static string Chinese(this Urgency urgency) => urgency switch
    {
        Urgency.Emergency => "紧急",
        Urgency.PossibleEmergency => "可能紧急",
        _ => "普通",
    };

    /// <summary>Emergency or possible emergency: timed and alerted as an emergency (a missed one costs more than a false alarm).</summary>
    public static bool IsUrgent(this Urgency urgency) => urgency is Urgency.Emergency or Urgency.PossibleEmergency;

    /// <summary>The more urgent of two.</summary>
    public static Urgency Max(Urgency a, Urgency b) => Rank(a) >= Rank(b) ? a : b;

    private static int Rank(Urgency urgency) => urgency switch
    {
        Urgency.Emergency => 2,
        Urgency.PossibleEmergency => 1,
        _ => 0,
    };
}

[JsonConverter(typeof(JsonStringEnumConverter<Channel>))]
public enum Channel
{
    Hotline,
    Sms,
    WeChat,
}

/// <summary>The timers a case can wait on. Each is stamped with the phase it was set in.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DeadlineKind>))]
public enum DeadlineKind
{
    /// <summary>Routing did not happen in time (the route message was lost): try again.</summary>
    Route,

    /// <summary>The dispatch centre has not sorted a triage case: alert and re-arm.</summary>
    Triage,

    /// <summary>Reminder (催办) before the acknowledge or response deadline.</summary>
    Remind,

    /// <summary>The unit did not sign for the case in time: escalate.</summary>
    Acknowledge,

    /// <summary>The unit did not reply in time: escalate.</summary>
    Respond,

    /// <summary>The reply has waited its review window: publish it.</summary>
    Publish,

    /// <summary>Public review is over: close.</summary>
    CloseReview,

    /// <summary>No meeting took up the referred case in time (none scheduled, or no decision recorded after it): escalate.</summary>
    Deliberation,

    /// <summary>The public review of a meeting's decision is over: the decision stands.</summary>
    DecisionReview,

    /// <summary>吹哨报到: a summoned department's time to report in is up (the phase is the whistle's round).</summary>
    ReportIn,
}

/// <summary>满意度: the resident's answer to the satisfaction survey (reply 1, 2 or 3).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Satisfaction>))]
public enum Satisfaction
{
    /// <summary>1 满意</summary>
    Satisfied = 1,

    /// <summary>2 基本满意</summary>
    BasicallySatisfied = 2,

    /// <summary>3 不满意</summary>
    Dissatisfied = 3,
}

public static class ChannelNames
{
    /// <summary>The channel as staff name it: 热线, 短信, 微信公众号.</summary>
    public static string Chinese(this Channel channel) => channel switch
    {
        Channel.Hotline => "热线",
        Channel.Sms => "短信",
        Channel.WeChat => "微信公众号",
        _ => channel.ToString(),
    };
}

public static class CaseStatusNames
{
    /// <summary>The status as residents and staff read it (texts, feeds, the console and the public pages: web/src/format.js).</summary>
    public static string Chinese(this CaseStatus status) => status switch
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
        CaseStatus.DecisionReview => "决议公示中",
        CaseStatus.Closed => "已办结",
        _ => status.ToString(),
    };
}

public static class RequestTypeNames
{
    public static string Chinese(this RequestType type) => type switch
    {
        RequestType.Consultation => "咨询",
        RequestType.HelpRequest => "求助",
        RequestType.Complaint => "投诉",
        RequestType.Report => "举报",
        RequestType.Suggestion => "建议",
        RequestType.Praise => "表扬",
        _ => type.ToString(),
    };

    /// <summary>Accepts the English name or the Chinese word.</summary>
    public static bool TryParse(string? value, out RequestType type)
    {
        foreach (var candidate in Enum.GetValues<RequestType>())
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase) || value == candidate.Chinese())
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }
}
