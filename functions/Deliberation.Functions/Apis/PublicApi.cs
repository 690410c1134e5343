using Deliberation.Channels.Sms;
using Deliberation.Domain.Workflow;
using Deliberation.Functions.Classification.AzureLanguage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Residents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Functions.Apis;

/// <summary>A resident's 异议 on the web: who they are (their mobile) and why.</summary>
public sealed record PublicObjection(string? Phone, string? Reason);

/// <summary>
/// The objection was counted (or had been: <c>AlreadyCounted</c>); <c>Objections</c> of <c>Needed</c> reopen the decision
/// before <c>ReviewEndsAt</c>. <c>Message</c> is what the SMS and WeChat channels would answer.
/// </summary>
public sealed record ObjectionReceipt(string CaseId, int Objections, int Needed, DateTimeOffset ReviewEndsAt, bool Reopened, bool AlreadyCounted, string Message);

/// <summary>What anyone may read (cases without their reporters, with redacted replies), and the one thing anyone may post: an objection.</summary>
public static partial class PublicApi
{
    /// <summary>An objection's reason, at most (a paragraph, not an essay: the committee reads every one).</summary>
    public const int MaxReasonLength = 500;

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/cases").AllowAnonymous();
        group.MapGet("", List).WithName("ListPublicCases");
        group.MapGet("/{caseId}", Get).WithName("GetPublicCase");
        group.MapPost("/{caseId}/objections", Object).WithName("ObjectToDecision");
        return app;
    }

    public static WebApplicationBuilder AddPublicApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicApiOptions>().BindConfiguration(PublicApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PublicWriteLimiter>();
        return builder;
    }

    private static async Task<Results<Ok<Page<PublicCaseSummary>>, ValidationProblem>> List(
        string? state,
        int? pageSize,
        string? continuationToken,
        CaseProjections projections,
        CaseHandlerDeps deps,
        CancellationToken ct)
    {
        if (!ApiResults.TryParseState(state, out var status, out var problem))
        {
            return problem!;
        }

        var (items, next) = await projections.ListPublicAsync(status, Math.Clamp(pageSize ?? 50, 1, 200), continuationToken, ct);
        var views = deps.Views();
        return TypedResults.Ok(new Page<PublicCaseSummary>(items.Select(views.PublicSummary).ToList(), next));
    }

    private static async Task<Results<Ok<PublicCaseView>, ProblemHttpResult>> Get(string caseId, CaseRuntime runtime, CaseHandlerDeps deps, IPiiRedactor pii, CancellationToken ct)
    {
        var found = await runtime.Store.GetStateAsync(caseId, ct);
        if (found is not { State: var state })
        {
            return ApiResults.NotFound($"No case {caseId}.");
        }

        var timeline = await runtime.Store.TimelineAsync(caseId, ct);
        var view = deps.Views().Public(state, timeline);

        // Reply and resolution are already locally redacted; a configured cloud PII service gets a second pass over them.
        if (view.Reply is { } reply)
        {
            view = view with { Reply = await pii.RedactAsync(reply, ct) };
        }

        if (view.Decision is { } decision)
        {
            view = view with { Decision = decision with { Resolution = await pii.RedactAsync(decision.Resolution, ct) } };
        }

        return TypedResults.Ok(view);
    }

    /// <summary>
    /// 异议 by the web: the resident names their mobile, keyed as the SMS channel keys it, so one person objecting by
    /// SMS and here counts once. The number is neither stored nor logged nor echoed.
    /// </summary>
    private static async Task<Results<Ok<ObjectionReceipt>, ValidationProblem, ProblemHttpResult>> Object(
        string caseId,
        PublicObjection body,
        HttpContext http,
        ResidentDirectory residents,
        ResidentRequests requests,
        PublicWriteLimiter limiter,
        ILogger<PublicObjection> logger,
        CancellationToken ct)
    {
        if (!limiter.TryAcquireClient(http))
        {
            LogRateLimited(logger, caseId, "client");
            return ApiResults.TooManyRequests(http);
        }

        if (E164.FromChinaMainland(body.Phone) is not { } phone)
        {
            return ApiResults.Invalid("phone", "A mobile number is required: 11 digits, or with its country code (+86…).");
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return ApiResults.Invalid("reason", "'reason' is required: say why the decision should be reconsidered.");
        }

        if (body.Reason.Trim().Length > MaxReasonLength)
        {
            return ApiResults.Invalid("reason", $"At most {MaxReasonLength} characters.");
        }

        var residentKey = residents.PhoneKey(phone);
        if (!limiter.TryAcquireResident(residentKey))
        {
            LogRateLimited(logger, caseId, "resident");
            return ApiResults.TooManyRequests(http);
        }

        var answer = await requests.ObjectAsync(residentKey, caseId, body.Reason, channel: null, ct);
        LogObjection(logger, caseId, answer.Outcome);
        return answer switch
        {
            { Outcome: ResidentRequestOutcome.NotFound } => ApiResults.NotFound($"No case {caseId}."),
            { Outcome: ResidentRequestOutcome.Accepted or ResidentRequestOutcome.AlreadyCounted, State.Decision: { } decision } => TypedResults.Ok(new ObjectionReceipt(
                caseId,
                decision.Objections,
                decision.ObjectionsToReopen,
                TimeZoneInfo.ConvertTime(decision.ReviewEndsAt, requests.Zone),
                decision.Reopened,
                answer.Outcome == ResidentRequestOutcome.AlreadyCounted,
                answer.Text)),
            _ => ApiResults.Conflict(answer.Text),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Public objection to case {CaseId}: {Outcome}")]
    private static partial void LogObjection(ILogger logger, string caseId, ResidentRequestOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Public objection to case {CaseId} refused: {Partition} over the rate limit")]
    private static partial void LogRateLimited(ILogger logger, string caseId, string partition);
}
