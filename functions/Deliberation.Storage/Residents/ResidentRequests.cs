using Deliberation.Domain.Publication;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;

namespace Deliberation.Storage.Residents;

/// <summary>How a resident's 附议 or 异议 came out.</summary>
public enum ResidentRequestOutcome
{
    /// <summary>Counted now.</summary>
    Accepted,

    /// <summary>This resident was counted before (or reported the case): nothing changed.</summary>
    AlreadyCounted,
    NotFound,

    /// <summary>Not possible in the case's state (closed; not in review; review over).</summary>
    Refused,
}

/// <summary>The answer to a 附议 or 异议: what happened, the text for the resident, and the case as it now stands.</summary>
public sealed record ResidentAnswer(ResidentRequestOutcome Outcome, string Text, CaseState? State);

/// <summary>
/// What residents ask of the system in a message rather than a suggestion, on any channel: where is my
/// case (查询 / CX), how satisfied am I (1 / 2 / 3 in answer to the survey), I support this case (附议),
/// I object to its published decision (异议). Answers are short texts with only what the public view shows.
/// A resident is their channel's lookup key (<see cref="ResidentDirectory.PhoneKey"/>, <see cref="ResidentDirectory.WeChatKey"/>):
/// support counts once per resident and case, an objection once per resident and decision, because the
/// message ids are made of the key and the runtime applies a message id once.
/// </summary>
public sealed class ResidentRequests(ResidentDirectory residents, ICaseRuntime runtime, TownState town, TimeProvider time)
{
    private static readonly CaseStatus[] Rateable = [CaseStatus.Responded, CaseStatus.Declined, CaseStatus.PublicReview];

    /// <summary>The town's time zone, in which answers give their dates.</summary>
    public TimeZoneInfo Zone => town.Zone;

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
                    : Domain.Notifications.NotificationText.RatingAnswer(state.CaseId, score, result.State ?? state, town.Context.Directory);
            }
        }

        return "您目前没有待评价的诉求。";
    }

    /// <summary>What to answer a 异议 without a reason.</summary>
    public static string HowToObject(string caseId) =>
        $"请在编号后写明异议理由，例如回复“异议{caseId} 停车位划线占用了消防通道”。每位居民对同一决议计一次。";

    /// <summary>附议: the resident supports the case (once; its reporters are counted already).</summary>
    public async Task<ResidentAnswer> SupportAsync(string residentKey, string caseId, Channel? channel, CancellationToken cancellationToken)
    {
        if ((await runtime.Store.GetStateAsync(caseId, cancellationToken))?.State is not { } before)
        {
            return NotFound(caseId);
        }

        if (await IsReporterAsync(caseId, residentKey, cancellationToken))
        {
            return new(ResidentRequestOutcome.AlreadyCounted, $"您是诉求{caseId}的反映人，已计入支持人数，目前共{before.Support}位居民支持。", before);
        }

        var result = await runtime.HandleAsync(caseId, new Support(Support.IdFor(residentKey), time.GetUtcNow(), channel, residentKey), cancellationToken);
        var state = result.State ?? before;
        return result.Outcome switch
        {
            CaseOutcome.NotFound => NotFound(caseId),
            CaseOutcome.Duplicate => new(ResidentRequestOutcome.AlreadyCounted, $"您已附议过诉求{caseId}，每位居民计一次，目前共{state.Support}位居民支持。", state),
            CaseOutcome.Applied when state.Status == CaseStatus.InDeliberation && before.Status != CaseStatus.InDeliberation =>
                new(ResidentRequestOutcome.Accepted, $"已收到您的附议，诉求{caseId}目前共{state.Support}位居民支持，已提交{UnitName(state.Committee ?? state.UnitId)}议事会审议。", state),
            CaseOutcome.Applied => new(ResidentRequestOutcome.Accepted, $"已收到您的附议，诉求{caseId}目前共{state.Support}位居民支持。", state),
            _ => new(ResidentRequestOutcome.Refused, state.IsFinal ? $"诉求{caseId}已办结，不再接受附议。" : $"诉求{caseId}当前无法附议。", state),
        };
    }

    /// <summary>异议: the resident objects to the case's published decision (once per decision) while its review lasts.</summary>
    public async Task<ResidentAnswer> ObjectAsync(string residentKey, string caseId, string reason, Channel? channel, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if ((await runtime.Store.GetStateAsync(caseId, cancellationToken))?.State is not { } before)
        {
            return NotFound(caseId);
        }

        var now = time.GetUtcNow();
        var message = new RaiseObjection($"objection-{before.DeliberationRound}-{residentKey}", now, channel, residentKey, reason.Trim());
        var result = await runtime.HandleAsync(caseId, message, cancellationToken);
        var state = result.State ?? before;
        return (result.Outcome, state.Decision) switch
        {
            (CaseOutcome.NotFound, _) => NotFound(caseId),
            (CaseOutcome.Duplicate, { } decision) =>
                new(ResidentRequestOutcome.AlreadyCounted, $"您已对诉求{caseId}的决议提出过异议，每位居民计一次（{decision.Objections}/{decision.ObjectionsToReopen}）。", state),
            (CaseOutcome.Applied, { Reopened: true } decision) when state.Status == CaseStatus.InDeliberation =>
                new(ResidentRequestOutcome.Accepted, $"已收到您对诉求{caseId}决议的异议（{decision.Objections}/{decision.ObjectionsToReopen}）。异议已达到规定人数，该事项将重新提交议事会审议。", state),
            (CaseOutcome.Applied, { } decision) =>
                new(ResidentRequestOutcome.Accepted, $"已收到您对诉求{caseId}决议的异议（{decision.Objections}/{decision.ObjectionsToReopen}），公示至{PublicClock.Date(decision.ReviewEndsAt, town.Zone)}。", state),
            _ => new(ResidentRequestOutcome.Refused, ObjectionRefused(state, now), state),
        };
    }

    /// <summary>
    /// What <see cref="ObjectAsync"/> would refuse with now (unknown case; no decision under review; review over), or
    /// null when the case takes objections: lets the public page check before it texts a verification code.
    /// </summary>
    public async Task<ResidentAnswer?> ObjectionRefusalAsync(string caseId, CancellationToken cancellationToken)
    {
        if ((await runtime.Store.GetStateAsync(caseId, cancellationToken))?.State is not { } state)
        {
            return NotFound(caseId);
        }

        var now = time.GetUtcNow();
        return state is { Status: CaseStatus.DecisionReview, Decision: { } decision } && now < decision.ReviewEndsAt
            ? null
            : new(ResidentRequestOutcome.Refused, ObjectionRefused(state, now), state);
    }

    /// <summary>Why an objection cannot be taken, from the case as it stands.</summary>
    private string ObjectionRefused(CaseState state, DateTimeOffset now) => state.Decision switch
    {
        { Reopened: true } when state.Status == CaseStatus.InDeliberation =>
            $"诉求{state.CaseId}的决议已因居民异议重新提交议事会审议，无需再提出异议。",
        { } decision when state.Status != CaseStatus.DecisionReview || now >= decision.ReviewEndsAt =>
            $"诉求{state.CaseId}的决议公示已于{PublicClock.Date(decision.ReviewEndsAt, town.Zone)}结束，决议维持不变，不再受理异议。",
        null when state.Status == CaseStatus.InDeliberation => $"诉求{state.CaseId}尚在议事会审议中，决议公布后方可提出异议。",
        null => $"诉求{state.CaseId}没有公示中的议事会决议，无法提出异议。",
        _ => $"诉求{state.CaseId}当前无法提出异议。",
    };

    /// <summary>The case's first reporter or one of its co-reporters: their report already counts as support.</summary>
    private async Task<bool> IsReporterAsync(string caseId, string residentKey, CancellationToken cancellationToken)
    {
        var (first, coReporters) = await runtime.Store.ReportersAsync(caseId, cancellationToken);
        return first?.PhoneHash == residentKey || first?.WeChatHash == residentKey || coReporters.Any(c => c.Key == residentKey);
    }

    private static ResidentAnswer NotFound(string caseId) => new(ResidentRequestOutcome.NotFound, $"未找到编号为{caseId}的诉求，请核对编号。", null);

    private string UnitName(string? unitId) => unitId is null ? "" : town.Context.Directory.FindUnit(unitId)?.Name ?? unitId;

    private string Line(CaseState state)
    {
        var unit = state.UnitId is null ? "" : $"，承办单位：{UnitName(state.UnitId)}";
        var clock = PublicClock.Line(state, town.Zone) is { } line ? $"；{line}" : "";
        return $"诉求{state.CaseId}：{state.Status.Chinese()}{unit}{clock}";
    }
}
