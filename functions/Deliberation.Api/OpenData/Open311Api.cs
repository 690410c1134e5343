using System.Globalization;
using Deliberation.Api.Apis;
using Deliberation.Channels.Sms;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Intake;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.OpenData;

/// <summary>
/// Open311 GeoReport v2 (<c>/api/open311/v2</c>; the standalone host also answers at <c>/open311/v2</c>): the dispatch
/// catalogue as services, the public list as service requests (no reporter, no resident's words: a request's
/// <c>status_notes</c> is its state in words and, once published, the redacted reply), and POST requests, with a
/// partner's <c>api_key</c>, filing a case through the same intake as the other channels.
/// </summary>
public static partial class Open311Api
{
    /// <summary>The spec: a date range may not span more than 90 days, and a query answers at most 1000 requests.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);

    public const int MaxRequests = 1000;

    /// <summary>Published outcomes (结果公示 and after) are <c>closed</c>; everything before is <c>open</c>.</summary>
    private static readonly CaseStatus[] Closed = [CaseStatus.PublicReview, CaseStatus.Closed];

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/open311/v2").AllowAnonymous().DisableAntiforgery();
        group.MapGet("/services.{format}", Services).WithName("Open311Services");
        group.MapGet("/requests.{format}", Requests).WithName("Open311Requests");
        group.MapPost("/requests.{format}", Post).WithName("Open311PostRequest");
        group.MapGet("/requests/{id}.{format}", Request).WithName("Open311Request");
        return app;
    }

    private static IResult Services(string format, CaseHandlerDeps deps)
    {
        if (!Open311Document.IsFormat(format))
        {
            return Open311Document.Error(format, 404, "Format not supported: use .json or .xml.");
        }

        var directory = deps.Town.Context.Directory;
        var services = directory.Catalogue.Select(c => new Open311Record
        {
            { "service_code", c.Id },
            { "service_name", c.Name },
            { "description", $"{c.Name}：{Handler(directory, c)}" },
            { "metadata", false },
            { "type", "realtime" },
            { "keywords", string.Join(",", c.Keywords) },
            { "group", TierName(c.Tier) },
        });
        return Open311Document.Write(format, "services", "service", services);
    }

    private static async Task<IResult> Requests(
        string format,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "service_request_id")] string? ids,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "service_code")] string? serviceCode,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "start_date")] string? startDate,
        [Microsoft.AspNetCore.Mvc.FromQuery(Name = "end_date")] string? endDate,
        string? status,
        CaseProjections projections,
        CaseHandlerDeps deps,
        CancellationToken ct)
    {
        if (!Open311Document.IsFormat(format))
        {
            return Open311Document.Error(format, 404, "Format not supported: use .json or .xml.");
        }

        var directory = deps.Town.Context.Directory;
        var views = deps.Views();

        // The spec: service_request_id overrides every other parameter.
        if (!string.IsNullOrWhiteSpace(ids))
        {
            var found = new List<CaseSummary>();
            foreach (var id in ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().Take(MaxRequests))
            {
                if (await projections.FindAsync(id, ct) is { } summary)
                {
                    found.Add(summary);
                }
            }

            return Open311Document.Write(format, "service_requests", "request", found.Select(s => Record(views.PublicSummary(s), s, directory, null)));
        }

        if (serviceCode is not null && directory.FindCategory(serviceCode) is null)
        {
            return Open311Document.Error(format, 400, $"Unknown service_code '{serviceCode}': see services.{format}.");
        }

        if (!TryParseStatuses(status, out var statuses))
        {
            return Open311Document.Error(format, 400, "status: open, closed, or both separated by a comma.");
        }

        if (!TryParseDate(startDate, out var start) || !TryParseDate(endDate, out var end))
        {
            return Open311Document.Error(format, 400, "start_date and end_date are W3C date-times with an offset, e.g. 2026-11-24T09:00:00+08:00.");
        }

        // The spec's default is the last 90 days; one end given, the range runs 90 days from (or to) it.
        var until = end ?? (start is { } s0 ? s0 + MaxRange : deps.Time.GetUtcNow());
        var from = start ?? until - MaxRange;
        if (until < from || until - from > MaxRange)
        {
            return Open311Document.Error(format, 400, "The range from start_date to end_date must run forwards and span at most 90 days.");
        }

        var query = new PublicCaseQuery(Category: serviceCode, Statuses: statuses, ReceivedFrom: from, ReceivedBefore: until.AddTicks(1));
        var matching = new List<CaseSummary>();
        string? continuation = null;
        do
        {
            var (items, next) = await projections.QueryPublicAsync(query, 200, continuation, ct);
            matching.AddRange(items);
            continuation = next;
        }
        while (continuation is not null && matching.Count < MaxRequests);

        var newestFirst = matching.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.CaseId, StringComparer.Ordinal).Take(MaxRequests);
        return Open311Document.Write(format, "service_requests", "request", newestFirst.Select(s => Record(views.PublicSummary(s), s, directory, null)));
    }

    private static async Task<IResult> Request(string id, string format, CaseProjections projections, PublicCaseViews publicViews, CaseHandlerDeps deps, CancellationToken ct)
    {
        if (!Open311Document.IsFormat(format))
        {
            return Open311Document.Error(format, 404, "Format not supported: use .json or .xml.");
        }

        if (await projections.FindAsync(id, ct) is not { } summary || await publicViews.GetAsync(id, ct) is not { } view)
        {
            return Open311Document.Error(format, 404, $"No service request {id}.");
        }

        return Open311Document.Write(format, "service_requests", "request", [Record(deps.Views().PublicSummary(summary), summary, deps.Town.Context.Directory, view.Reply ?? view.Decision?.Line)]);
    }

    /// <summary>
    /// POST requests (form-encoded, as the spec has it): <c>api_key</c>, <c>service_code</c>, a location
    /// (<c>address_string</c>, or <c>lat</c> and <c>long</c>), <c>description</c> and the resident's mobile in <c>phone</c>
    /// (the case number and the answer are texted there). Names, e-mail and device ids are not kept.
    /// </summary>
    private static async Task<IResult> Post(string format, HttpRequest http, IntakeService intake, CaseHandlerDeps deps, IOptions<Open311Options> options, ILogger<Open311Options> logger, CancellationToken ct)
    {
        if (!Open311Document.IsFormat(format))
        {
            return Open311Document.Error(format, 404, "Format not supported: use .json or .xml.");
        }

        if (!http.HasFormContentType)
        {
            return Open311Document.Error(format, 400, "Send the request as application/x-www-form-urlencoded (or multipart/form-data).");
        }

        var form = await http.ReadFormAsync(ct);
        if (!options.Value.Accepts(form["api_key"].ToString()))
        {
            return Open311Document.Error(format, 403, "api_key is missing or not valid.");
        }

        var code = form["service_code"].ToString();
        if (deps.Town.Context.Directory.FindCategory(code) is null)
        {
            return Open311Document.Error(format, 400, string.IsNullOrEmpty(code) ? "service_code is required." : $"Unknown service_code '{code}'.");
        }

        var address = form["address_string"].ToString().Trim();
        var hasPoint = double.TryParse(form["lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            & double.TryParse(form["long"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon);
        if (address.Length == 0 && !hasPoint)
        {
            return Open311Document.Error(format, 400, "A location is required: address_string, or lat and long.");
        }

        var description = form["description"].ToString().Trim();
        if (description.Length == 0 || description.Length > HotlineApi.MaxTextLength)
        {
            return Open311Document.Error(format, 400, $"description is required (at most {HotlineApi.MaxTextLength} characters).");
        }

        if (E164.FromChinaMainland(form["phone"].ToString()) is not { } phone)
        {
            return Open311Document.Error(format, 400, "phone is required: the resident's mobile (11 digits or +86…), to which the case number and the answer are texted.");
        }

        var place = address.Length > 0 ? address : null;
        var text = hasPoint && place is null ? $"{description}（位置：{lat.ToString("0.######", CultureInfo.InvariantCulture)},{lon.ToString("0.######", CultureInfo.InvariantCulture)}）" : description;
        var result = await intake.SubmitAsync(new IntakeRequest(Channel.Sms, null, new Storage.Reporter(Channel.Sms, phone, null), text, place, code), ct);
        if (result.Rejection is not null)
        {
            return Open311Document.Error(format, 400, result.Rejection);
        }

        LogFiled(logger, result.CaseId, code, result.Joined);
        var notice = result.Joined ? $"已有其他居民反映同一问题，已并入诉求{result.CaseId}一并办理。" : $"诉求已受理，编号{result.CaseId}，受理短信已发送至提供的手机。";
        return Open311Document.Write(format, "service_requests", "request", [new Open311Record { { "service_request_id", result.CaseId }, { "service_notice", notice }, { "account_id", null } }]);
    }

    private static Open311Record Record(PublicCaseSummary view, CaseSummary summary, TownDirectory directory, string? answer)
    {
        var words = summary.Status.Chinese();
        return new Open311Record
        {
            { "service_request_id", summary.CaseId },
            { "status", Closed.Contains(summary.Status) ? "closed" : "open" },
            { "status_notes", answer is null ? words : $"{words}：{Redactor.Redact(answer)}" },
            { "service_name", view.Category },
            { "service_code", summary.Category },
            { "description", null },
            { "agency_responsible", view.Unit },
            { "service_notice", null },
            { "requested_datetime", view.ReceivedAt },
            { "updated_datetime", view.UpdatedAt },
            { "expected_datetime", null },
            { "address", summary.Village is { } village ? directory.FindUnit(village)?.Name?.Replace("村民委员会", "", StringComparison.Ordinal).Replace("居民委员会", "社区", StringComparison.Ordinal) : null },
            { "address_id", null },
            { "zipcode", null },
            { "lat", null },
            { "long", null },
            { "media_url", null },
        };
    }

    private static bool TryParseStatuses(string? status, out IReadOnlyCollection<CaseStatus>? statuses)
    {
        statuses = null;
        if (string.IsNullOrWhiteSpace(status))
        {
            return true;
        }

        var wanted = status.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant()).ToHashSet();
        if (wanted.Count == 0 || wanted.Any(s => s is not ("open" or "closed")))
        {
            return false;
        }

        if (wanted.Count == 2)
        {
            return true;
        }

        statuses = wanted.Contains("closed") ? Closed : Enum.GetValues<CaseStatus>().Except(Closed).ToArray();
        return true;
    }

    private static bool TryParseDate(string? value, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && (value.EndsWith('Z') || value.Contains('+', StringComparison.Ordinal) || value.LastIndexOf('-') > 9))
        {
            at = parsed;
            return true;
        }

        return false;
    }

    private static string Handler(TownDirectory directory, CatalogueEntry category) =>
        category.Department is { } department && directory.FindUnit(department) is { } unit ? $"由{TierName(category.Tier)}受理，{unit.Name}负责" : $"由{TierName(category.Tier)}受理";

    private static string TierName(Tier tier) => tier switch
    {
        Tier.ServicePoint => "巷邻坊（服务站）",
        Tier.Village => "村（居）委会",
        Tier.Department => "镇职能部门",
        _ => "镇",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Open311 request filed as case {CaseId} ({Category}); joined an open case: {Joined}")]
    private static partial void LogFiled(ILogger logger, string caseId, string category, bool joined);
}
