using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Publication;

/// <summary>
/// What the monthly rates need of one case, as the read model keeps it: the unit it is attributed to (the unit
/// handling it, or that last handled it) and the dates its rates are measured by. No text, no reporter.
/// </summary>
public sealed record CaseFacts(
    string CaseId,
    string? UnitId,
    string? Category,
    DateTimeOffset? DispatchedAt,
    DateTimeOffset? AcknowledgeDueAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? RespondDueAt,
    DateTimeOffset? RespondedAt,
    bool Replied,
    Satisfaction? Satisfaction)
{
    public static CaseFacts Of(CaseState state) => new(
        state.CaseId,
        state.UnitId,
        state.Category,
        state.DispatchedAt,
        state.AcknowledgeDueAt,
        state.AcknowledgedAt,
        state.RespondDueAt,
        state.RespondedAt,
        state.Reply is not null && state.DeclineReason is null,
        state.Satisfaction);

    public bool Dispatched => DispatchedAt is not null;

    /// <summary>Signed for (or answered outright) by the acknowledgement deadline of its current dispatch.</summary>
    public bool AcknowledgedOnTime
    {
        get
        {
            var answered = RespondedAt is { } responded && responded >= DispatchedAt ? responded : (DateTimeOffset?)null;
            var first = (AcknowledgedAt, answered) switch
            {
                ({ } a, { } r) => a < r ? a : r,
                ({ } a, null) => a,
                (null, var r) => r,
            };
            return Dispatched && first is { } at && AcknowledgeDueAt is { } due && at <= due;
        }
    }

    public bool Responded => RespondedAt is not null;

    public bool RespondedOnTime => RespondedAt is { } at && RespondDueAt is { } due && at <= due;

    /// <summary>办结 with a reply (not declined), and the resident, if they rated it, not 不满意.</summary>
    public bool Resolved => Replied && Satisfaction != Workflow.Satisfaction.Dissatisfied;

    public bool Rated => Satisfaction is not null;

    public bool Satisfied => Satisfaction is Workflow.Satisfaction.Satisfied or Workflow.Satisfaction.BasicallySatisfied;
}

/// <summary>A count over a count; <see cref="Value"/> is null when nothing was counted (shown as "—", not 0 %).</summary>
public sealed record Ratio(int Numerator, int Denominator)
{
    public double? Value => Denominator == 0 ? null : Math.Round((double)Numerator / Denominator, 4);
}

/// <summary>One unit's month: its 三率 and on-time rate, its volumes by category, and its score and place in the ranking.</summary>
public sealed record UnitRates(
    string UnitId,
    int Cases,
    int Dispatched,
    Ratio Response,
    Ratio Resolution,
    Ratio Satisfaction,
    Ratio OnTime,
    IReadOnlyDictionary<string, int> ByCategory,
    double? Score,
    int? Rank);

/// <summary>The town's month: every unit's rates, ranked, and the town's totals.</summary>
public sealed record MonthRates(int Cases, IReadOnlyDictionary<string, int> ByCategory, UnitRates Town, IReadOnlyList<UnitRates> Units);

/// <summary>
/// The monthly rates published on the rates page, as Beijing's 12345 publishes its rankings (docs/kpis.md):
/// 响应率 = acknowledged within the deadline ÷ dispatched; 解决率 = resolved ÷ dispatched; 满意率 = (满意 + 基本满意) ÷ rated;
/// on-time rate = replied or declined by the response deadline ÷ replied or declined. Units are ranked by
/// 10 % 响应率 + 45 % 解决率 + 45 % 满意率, over the rates they have (a unit nobody rated is ranked on the other two).
/// </summary>
public static class MonthlyRates
{
    public const double ResponseWeight = 0.10;
    public const double ResolutionWeight = 0.45;
    public const double SatisfactionWeight = 0.45;

    /// <summary>Cases without a unit (still being routed or triaged) count in the town's volumes only.</summary>
    public static MonthRates Compute(IEnumerable<CaseFacts> cases)
    {
        var all = cases.ToList();
        var units = all.Where(c => c.UnitId is not null)
            .GroupBy(c => c.UnitId!, StringComparer.Ordinal)
            .Select(g => Of(g.Key, g.ToList()))
            .ToList();

        var ranked = units.Where(u => u.Score is not null)
            .OrderByDescending(u => u.Score)
            .ThenByDescending(u => u.Dispatched)
            .ThenBy(u => u.UnitId, StringComparer.Ordinal)
            .Select((u, i) => u with { Rank = i + 1 });
        var unranked = units.Where(u => u.Score is null).OrderBy(u => u.UnitId, StringComparer.Ordinal);
        return new MonthRates(all.Count, ByCategory(all), Of("town", all), [.. ranked, .. unranked]);
    }

    private static UnitRates Of(string unitId, IReadOnlyList<CaseFacts> cases)
    {
        var dispatched = cases.Where(c => c.Dispatched).ToList();
        var responded = cases.Where(c => c.Responded).ToList();
        var rated = cases.Where(c => c.Rated).ToList();
        var response = new Ratio(dispatched.Count(c => c.AcknowledgedOnTime), dispatched.Count);
        var resolution = new Ratio(dispatched.Count(c => c.Resolved), dispatched.Count);
        var satisfaction = new Ratio(rated.Count(c => c.Satisfied), rated.Count);
        var onTime = new Ratio(responded.Count(c => c.RespondedOnTime), responded.Count);
        return new UnitRates(unitId, cases.Count, dispatched.Count, response, resolution, satisfaction, onTime, ByCategory(cases), Score(response, resolution, satisfaction), null);
    }

    /// <summary>The weighted score over the rates that have a value, in points out of 100; null when none has.</summary>
    private static double? Score(Ratio response, Ratio resolution, Ratio satisfaction)
    {
        var parts = new[] { (response.Value, ResponseWeight), (resolution.Value, ResolutionWeight), (satisfaction.Value, SatisfactionWeight) }
            .Where(p => p.Value is not null)
            .ToList();
        if (parts.Count == 0)
        {
            return null;
        }

        var weights = parts.Sum(p => p.Item2);
        return Math.Round(parts.Sum(p => p.Value!.Value * p.Item2) / weights * 100, 2);
    }

    private static IReadOnlyDictionary<string, int> ByCategory(IEnumerable<CaseFacts> cases) =>
        cases.GroupBy(c => c.Category ?? "uncategorised", StringComparer.Ordinal)
            .OrderByDescending(g => g.Count())
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}
