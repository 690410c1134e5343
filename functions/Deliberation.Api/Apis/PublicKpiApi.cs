using System.Globalization;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Publication;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>A rate as published: its numerator and denominator, and the fraction (null when nothing was counted).</summary>
public sealed record RateView(int Numerator, int Denominator, double? Value);

public sealed record CategoryCount(NamedRef Category, int Cases);

/// <summary>One unit's month (or the town's, <c>Unit.Id</c> = <c>town</c>): 三率, the on-time rate, volumes, score and rank.</summary>
public sealed record UnitRatesView(
    NamedRef Unit,
    int? Rank,
    double? Score,
    int Cases,
    int Dispatched,
    RateView Response,
    RateView Resolution,
    RateView Satisfaction,
    RateView OnTime,
    IReadOnlyList<CategoryCount> ByCategory);

/// <summary>The definitions the figures are computed by, in the words the rates page shows.</summary>
public sealed record RateDefinitions(string Response, string Resolution, string Satisfaction, string OnTime, string Ranking, string Attribution);

/// <summary>A month's published figures: the town's, then every unit's in ranking order.</summary>
public sealed record MonthlyKpis(string Month, RateDefinitions Definitions, UnitRatesView Town, IReadOnlyList<UnitRatesView> Units);

/// <summary>
/// 月度考核 (as Beijing's 12345 publishes its monthly rankings): each unit's 响应率, 解决率, 满意率 and on-time rate for the
/// cases received in a month, read from the <see cref="MonthlyCaseFacts"/> projection (one partition per month).
/// </summary>
public static class PublicKpiApi
{
    public static readonly RateDefinitions Definitions = new(
        "响应率 = 在签收期限内签收（或直接答复）的诉求数 ÷ 派单数",
        "解决率 = 已答复办结（非退回）且诉求人未评价为“不满意”的诉求数 ÷ 派单数",
        "满意率 = （满意 + 基本满意）÷ 已评价数",
        "按时办结率 = 在答复期限内答复或退回的诉求数 ÷ 已答复或退回的诉求数",
        $"综合得分 = 响应率×{MonthlyRates.ResponseWeight * 100:0}% + 解决率×{MonthlyRates.ResolutionWeight * 100:0}% + 满意率×{MonthlyRates.SatisfactionWeight * 100:0}%（无评价的单位按其余两率计算），按得分排名",
        "按受理月份统计（北京时间），计入诉求当前（或最后）承办单位");

    public static IEndpointRouteBuilder MapPublicKpiApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/kpis", Get).AllowAnonymous().WithName("GetPublicKpis");
        return app;
    }

    private static async Task<Results<Ok<MonthlyKpis>, ValidationProblem>> Get(string? month, MonthlyCaseFacts facts, TownState town, TimeProvider time, CancellationToken ct)
    {
        DateOnly first;
        if (month is null)
        {
            var today = TimeZoneInfo.ConvertTime(time.GetUtcNow(), town.Zone);
            first = new DateOnly(today.Year, today.Month, 1);
        }
        else if (!DateOnly.TryParseExact(month, MonthlyCaseFacts.MonthFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out first))
        {
            return ApiResults.Invalid("month", "A month as yyyy-MM, e.g. 2026-11.");
        }

        var rates = MonthlyRates.Compute(await facts.ForMonthAsync(first, ct));
        var directory = town.Context.Directory;
        return TypedResults.Ok(new MonthlyKpis(
            first.ToString(MonthlyCaseFacts.MonthFormat, CultureInfo.InvariantCulture),
            Definitions,
            View(rates.Town, new NamedRef("town", directory.TownName), directory),
            rates.Units.Select(u => View(u, new NamedRef(u.UnitId, directory.FindUnit(u.UnitId)?.Name ?? u.UnitId), directory)).ToList()));
    }

    private static UnitRatesView View(UnitRates rates, NamedRef unit, TownDirectory directory) => new(
        unit,
        rates.Rank,
        rates.Score,
        rates.Cases,
        rates.Dispatched,
        View(rates.Response),
        View(rates.Resolution),
        View(rates.Satisfaction),
        View(rates.OnTime),
        rates.ByCategory.Select(c => new CategoryCount(new NamedRef(c.Key, directory.FindCategory(c.Key)?.Name ?? "未分类"), c.Value)).ToList());

    private static RateView View(Ratio rate) => new(rate.Numerator, rate.Denominator, rate.Value);
}
