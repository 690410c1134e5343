using System.Globalization;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Notifications;

/// <summary>A rendered notification. Essential texts answer the resident's own request and ignore 退订.</summary>
public sealed record RenderedText(string Text, bool Essential);

/// <summary>The words residents and staff receive, one template per workflow notice.</summary>
public static class NotificationText
{
    /// <summary>Templates the resident gets even after 退订: the case number and the answer to their request.</summary>
    public static readonly IReadOnlySet<string> Essential = new HashSet<string>(StringComparer.Ordinal) { NotificationTemplates.CaseReceived, NotificationTemplates.CaseJoined, NotificationTemplates.CaseResponded, NotificationTemplates.CaseDeclined, NotificationTemplates.DecisionPublished, NotificationTemplates.ImplementationDone };

    /// <summary>The acknowledgements and final answers (the <see cref="Essential"/> texts) end with the case page's address.</summary>
    public static RenderedText WithCaseLink(string template, RenderedText rendered, string link) =>
        Essential.Contains(template) ? rendered with { Text = $"{rendered.Text}{CaseLinkText(link)}" } : rendered;

    /// <summary>"详情：http://…/c/202611240001", after a text's last sentence.</summary>
    public static string CaseLinkText(string link) => $"详情：{link}";

    /// <summary>
    /// What a resident reporting danger is told at once, on every channel: this system is not an emergency service.
    /// </summary>
    public const string EmergencyAdvice = "如遇燃气泄漏、火灾、有人受伤或被困等紧急情况，请立即拨打119（消防）、110（报警）或120（急救）；本平台不是紧急救援渠道，已同时通知镇值班人员。";

    /// <summary>The case number, and for a text that reads as danger the 119/110/120 advice first.</summary>
    public static string Received(string town, string caseId, bool emergency, string rest = "回复“CX{0}”可查询办理进度。") =>
        emergency
            ? $"【{town}】{EmergencyAdvice}您的诉求已受理，编号{caseId}。"
            : $"【{town}】您的诉求已受理，编号{caseId}。{string.Format(CultureInfo.InvariantCulture, rest, caseId)}";

    /// <exception cref="ArgumentException">The template has no text of its own (a name the workflow should not send).</exception>
    /// <param name="recipientUnit">The unit a staff notice is addressed to (a summoned department, a unit head), when not the case's.</param>
    public static RenderedText Render(string template, IReadOnlyDictionary<string, string> data, CaseState? state, TownDirectory directory, TimeZoneInfo zone, string? recipientUnit = null)
    {
        var caseId = data.GetValueOrDefault("caseId") ?? state?.CaseId ?? "";
        var unit = Name(directory, data.GetValueOrDefault("unitId") ?? state?.UnitId);
        var town = directory.TownName;
        var category = state?.Category is { } c ? directory.FindCategory(c)?.Name ?? c : "未分类";
        var text = template switch
        {
            NotificationTemplates.CaseReceived => Received(town, caseId, data.GetValueOrDefault("emergency") == "true"),
            NotificationTemplates.CaseDispatched => $"【{town}】您的诉求{caseId}已交{unit}办理。",
            NotificationTemplates.CaseResponded => $"【{town}】您的诉求{caseId}已办结，{unit}答复：{state?.Reply}",
            NotificationTemplates.CaseDeclined => $"【{town}】您的诉求{caseId}，{unit}说明：{state?.Reply}",
            NotificationTemplates.PublicReviewStarted => $"【{town}】诉求{caseId}的办理结果已公示。请评价：回复1满意，2基本满意，3不满意。",
            NotificationTemplates.CaseReferred => $"【{town}】您的诉求{caseId}已提交{unit}议事会讨论决定，决定将公示。",
            NotificationTemplates.CaseJoined => $"【{town}】您反映的问题已有其他居民反映，已并入诉求{caseId}一并办理（共{state?.ReporterCount ?? 1}人反映）。回复“CX{caseId}”可查询进度。",
            NotificationTemplates.CasePriorityRaised => $"诉求{caseId}已有{data.GetValueOrDefault("reporters")}位居民反映，已升为优先办理。",
            NotificationTemplates.CaseClosed => $"【{town}】您的诉求{caseId}已办结归档，感谢您的参与。",
            NotificationTemplates.CaseOnAgenda => $"【{town}】您的诉求{caseId}已列入{Local(Parse(data.GetValueOrDefault("meetingAt")), zone)}{Place(data)}召开的{unit}议事会议程，决定将于{Day(state?.DecisionDueAt, zone)}前公布。",
            NotificationTemplates.DecisionDeferred => $"【{town}】议事会暂缓决定您的诉求{caseId}，将提交下次会议讨论，最迟{Day(state?.DecisionDueAt, zone)}前安排。",
            NotificationTemplates.MeetingCancelled => $"【{town}】原定讨论您的诉求{caseId}的议事会已取消，将另行安排，最迟{Day(state?.DecisionDueAt, zone)}前安排。",
            NotificationTemplates.DecisionPublished => $"【{town}】议事会对您的诉求{caseId}作出决定：{state?.Reply?.TrimEnd('。')}。决定公示至{Day(state?.Decision?.ReviewEndsAt, zone)}，如有异议请回复“异议{caseId} 理由”。",
            NotificationTemplates.DecisionReopened => $"【{town}】诉求{caseId}的议事会决定因居民异议较多，将提交下次议事会重新讨论。",
            NotificationTemplates.DecisionReopenedUnit => $"异议：诉求{caseId}的议事会决定收到{state?.Decision?.Objections}件异议，已退回待下次议事会重新讨论。",
            NotificationTemplates.ImplementationDispatched => $"【{town}】议事会关于诉求{caseId}的决定公示期满，已交{unit}组织实施。",
            NotificationTemplates.UnitImplementationDispatched => $"决议实施：诉求{caseId}的议事会决定（{state?.Decision?.Resolution}）由本单位实施，请于{Local(state?.AcknowledgeDueAt, zone)}前签收，{Day(state?.RespondDueAt, zone)}前完成。",
            NotificationTemplates.ImplementationDone => $"【{town}】议事会关于诉求{caseId}的决定已实施完毕，{unit}说明：{state?.Reply}",
            NotificationTemplates.ImplementationPublished => $"【{town}】诉求{caseId}决定的实施结果已公示。请评价：回复1满意，2基本满意，3不满意。",
            NotificationTemplates.UnitCaseDispatched => $"新派单{caseId}（{category}），请于{Local(state?.AcknowledgeDueAt, zone)}前签收。",
            NotificationTemplates.CaseTriage => $"待分拨：诉求{caseId}（{category}）未能自动派单，请人工分派。",
            NotificationTemplates.CaseReminder => $"催办：诉求{caseId}将于{Local(state?.NextDeadlineAt, zone)}到期，请及时办理。",
            NotificationTemplates.CaseReferredUnit => $"议事：诉求{caseId}已列入{unit}议事会待议事项。",
            NotificationTemplates.Emergency => $"紧急：诉求{caseId}（{category}）为紧急事项，已直派{unit}，请立即处置。",
            NotificationTemplates.PossibleEmergency => $"疑似紧急：诉求{caseId}（{category}）可能涉及人身或财产安全，已派{unit}，请值班人员立即核实，确认为紧急或降为普通。",
            NotificationTemplates.CaseOverdue => $"超期：诉求{caseId}在{Name(directory, data.GetValueOrDefault("fromUnit"))}超期未办，已升级至{unit}。",
            NotificationTemplates.CaseOverdueTop => $"超期督办：诉求{caseId}在{unit}超期未办，请督促。",
            NotificationTemplates.DissatisfiedReview => $"不满意复核：诉求{caseId}（{category}）经{Name(directory, data.GetValueOrDefault("handledBy"))}{data.GetValueOrDefault("reopens")}次重新办理后居民仍不满意，请复核，必要时重新派单并告知居民。",
            NotificationTemplates.TriageOverdue => $"超期：诉求{caseId}待分拨已超时，请立即分派。",
            NotificationTemplates.CaseOverdueFollowers => $"关注提醒：您关注的诉求{caseId}（{category}）在{Name(directory, data.GetValueOrDefault("fromUnit"))}超期未办，已升级至{unit}。",
            NotificationTemplates.CaseSupervised => $"督办：诉求{caseId}（{category}）已由{Supervisor(directory, state?.Supervision?.By ?? data.GetValueOrDefault("by"))}督办，请于{Local(state?.Supervision?.DeadlineAfter ?? state?.NextDeadlineAt, zone)}前办结。",
            NotificationTemplates.WhistleSummoned => $"吹哨报到：诉求{caseId}（{category}）由{Name(directory, state?.Whistle?.Lead ?? state?.UnitId)}牵头办理，请{Name(directory, recipientUnit)}于{Local(SummonsOf(state, recipientUnit)?.DueAt, zone)}前报到。",
            NotificationTemplates.ReportInMissed => $"报到超时：诉求{caseId}吹哨报到，{MissedNames(directory, state, recipientUnit)}未按时报到，已上报督办。",
            _ => throw new ArgumentException($"No text for the notification template '{template}'.", nameof(template)),
        };
        return new RenderedText(text, Essential.Contains(template));
    }

    /// <summary>
    /// The answer to a resident's survey reply, from the case as the rating left it: 不满意 either reopened the case, or
    /// (the resident's reopenings used up) went to the dispatch centre's review, and the resident is told which.
    /// </summary>
    public static string RatingAnswer(string caseId, Satisfaction score, CaseState after, TownDirectory directory) =>
        score != Satisfaction.Dissatisfied ? $"感谢您对诉求{caseId}的评价。"
        : after.Status == CaseStatus.Dispatched ? $"已收到您的评价（不满意），诉求{caseId}已退回重新办理。"
        : $"已收到您的评价（不满意）。诉求{caseId}已重新办理过{after.ResidentReopens}次，现转{Name(directory, directory.DispatchCentre)}复核，需要重新办理的将重新派单并告知您。";

    /// <summary>The workflow uses one template name for the resident's and the unit's notice; staff copies get their own text.</summary>
    public static string ForAudience(string template, Audience audience) => (template, audience) switch
    {
        (NotificationTemplates.CaseDispatched, not Audience.Reporter) => NotificationTemplates.UnitCaseDispatched,
        (NotificationTemplates.CaseReferred, not Audience.Reporter) => NotificationTemplates.CaseReferredUnit,
        (NotificationTemplates.CaseOverdue, Audience.Followers) => NotificationTemplates.CaseOverdueFollowers,
        (NotificationTemplates.ImplementationDispatched, not Audience.Reporter) => NotificationTemplates.UnitImplementationDispatched,
        (NotificationTemplates.DecisionReopened, not Audience.Reporter) => NotificationTemplates.DecisionReopenedUnit,
        _ => template,
    };

    /// <summary>
    /// The daily digest: each milestone with its count and case ids, at most <paramref name="maxCases"/> ids a group.
    /// E.g. 【新桥镇】关注诉求每日动态（11月24日）：派单2件：A、B；办结1件：C。
    /// </summary>
    public static string Digest(string townName, DateOnly day, IReadOnlyList<DigestGroup> groups, int maxCases)
    {
        var parts = groups.Select(g =>
        {
            var listed = string.Join("、", g.CaseIds.Take(maxCases));
            var more = g.CaseIds.Count > maxCases ? $"等{g.CaseIds.Count}件" : "";
            return $"{MilestoneName(g.Milestone)}{g.CaseIds.Count}件：{listed}{more}";
        });
        return $"【{townName}】关注诉求每日动态（{day.ToString("M月d日", CultureInfo.InvariantCulture)}）：{string.Join("；", parts)}。";
    }

    public static string MilestoneName(string milestone) => milestone switch
    {
        Milestones.Dispatched => "派单",
        Milestones.Responded => "办结",
        Milestones.Decided => "议定",
        Milestones.Reopened => "重办",
        _ => milestone,
    };

    /// <summary>Who supervised: a representative by body and name (e.g. 人大代表姚建华), anyone else by unit.</summary>
    private static string Supervisor(TownDirectory directory, string? by) =>
        by is null ? "代表" : directory.FindRepresentative(by) is { } rep ? $"{rep.Body}{rep.Name}" : Name(directory, by);

    private static Summons? SummonsOf(CaseState? state, string? unitId) =>
        state?.Whistle?.Summoned.FirstOrDefault(s => s.UnitId == unitId);

    /// <summary>The summoned unit a notice is about, or every unit that missed its report-in.</summary>
    private static string MissedNames(TownDirectory directory, CaseState? state, string? recipientUnit)
    {
        IEnumerable<string> units = SummonsOf(state, recipientUnit) is { } one ? [one.UnitId]
            : state?.Whistle?.Summoned.Where(s => s.Missed).Select(s => s.UnitId) ?? [];
        var names = string.Join("、", units.Select(u => Name(directory, u)));
        return names.Length == 0 ? "被召集部门" : names;
    }

    private static string Name(TownDirectory directory, string? unitId) =>
        unitId is null ? "相关单位" : directory.FindUnit(unitId)?.Name ?? unitId;

    private static string Place(IReadOnlyDictionary<string, string> data) =>
        data.GetValueOrDefault("place") is { Length: > 0 } place ? $"在{place}" : "";

    private static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : null;

    private static string Day(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("M月d日", CultureInfo.InvariantCulture) : "规定时间";

    private static string Local(DateTimeOffset? at, TimeZoneInfo zone) =>
        at is { } value ? TimeZoneInfo.ConvertTime(value, zone).ToString("M月d日HH:mm", CultureInfo.InvariantCulture) : "规定时间";
}
