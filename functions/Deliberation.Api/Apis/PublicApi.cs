using Deliberation.Channels.Sms;
using Deliberation.Domain.Workflow;
using Deliberation.Api.RateLimiting;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Projections;
using Deliberation.Storage.Residents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Apis;

/// <summary>A resident's 异议 on the web: who they are (their mobile) and why.</summary>
public sealed record PublicObjection(string? Phone, string? Reason);

/// <summary>The code texted to the mobile named in a <see cref="PublicObjection"/>, with the challenge that request was answered with.</summary>
public sealed record ObjectionConfirmation(string? Phone, string? Code, string? Challenge);

/// <summary>
/// A code is on its way to the mobile; the objection counts once it is confirmed, with <c>Challenge</c>, before
/// <c>ExpiresAt</c>. The challenge ties the confirmation to this request: the page keeps it, nobody else has it.
/// </summary>
public sealed record ObjectionCodeSent(string CaseId, DateTimeOffset ExpiresAt, string Challenge, string Message);

/// <summary>
/// The objection was counted (or had been: <c>AlreadyCounted</c>); <c>Objections</c> of <c>Needed</c> reopen the decision
/// before <c>ReviewEndsAt</c>. <c>Message</c> is what the SMS and WeChat channels would answer.
/// </summary>
public sealed record ObjectionReceipt(string CaseId, int Objections, int Needed, DateTimeOffset ReviewEndsAt, bool Reopened, bool AlreadyCounted, string Message);

/// <summary>What anyone may read (cases without their reporters, with redacted replies), and the one thing anyone may post: an objection, verified by a texted code.</summary>
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
        group.MapPost("/{caseId}/objections/confirm", Confirm).WithName("ConfirmObjection");
        return app;
    }

    public static IHostApplicationBuilder AddPublicApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PublicApiOptions>().BindConfiguration(PublicApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<PublicApiOptions>()
            .Validate(o => o.ObjectionCodeLifetime >= TimeSpan.FromMinutes(1) && o.ObjectionCodeInterval > TimeSpan.Zero, "PublicApi: ObjectionCodeLifetime must be at least a minute and ObjectionCodeInterval positive.");
        builder.Services.AddSingleton<PendingObjections>();
        builder.Services.AddSingleton<ObjectionCodes>();
        builder.Services.AddSingleton<PublicWriteLimits>();
        return builder;
    }

    /// <summary>The public list, narrowed by village, category, status and the month received (town time); paged.</summary>
    private static async Task<Results<Ok<Page<PublicCaseSummary>>, ValidationProblem>> List(
        string? state,
        string? village,
        string? category,
        string? month,
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

        var directory = deps.Town.Context.Directory;
        if (village is not null && directory.FindUnit(village) is not { Kind: Domain.Directory.UnitKind.VillageCommittee })
        {
            return ApiResults.Invalid("village", $"No village {village}; see GET /api/directory.");
        }

        if (category is not null && directory.FindCategory(category) is null)
        {
            return ApiResults.Invalid("category", $"No category {category}; see GET /api/directory.");
        }

        DateTimeOffset? from = null, before = null;
        if (month is not null)
        {
            if (!DateOnly.TryParseExact(month, "yyyy-MM", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
            {
                return ApiResults.Invalid("month", "A month as yyyy-MM, e.g. 2026-11.");
            }

            from = StartOf(first, deps.Town.Zone);
            before = StartOf(first.AddMonths(1), deps.Town.Zone);
        }

        var query = new PublicCaseQuery(village, category, status is { } s ? [s] : null, from, before);
        var (items, next) = await projections.QueryPublicAsync(query, InputBounds.PageSize(pageSize), continuationToken, ct);
        var views = deps.Views();
        return TypedResults.Ok(new Page<PublicCaseSummary>(items.Select(views.PublicSummary).ToList(), next));
    }

    /// <summary>Midnight at the start of <paramref name="day"/> in the town's zone.</summary>
    internal static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task<Results<Ok<PublicCaseView>, ProblemHttpResult>> Get(string caseId, PublicCaseViews views, CancellationToken ct) =>
        await views.GetAsync(caseId, ct) is { } view ? TypedResults.Ok(view) : ApiResults.NotFound($"No case {caseId}.");

    /// <summary>
    /// 异议 by the web, step 1: the resident names their mobile (keyed as the SMS channel keys it, so one person objecting
    /// by SMS and here counts once) and their reason; when the case takes objections a code is texted to that mobile.
    /// Nothing counts until the code comes back (<see cref="Confirm"/>). The number is neither stored nor logged nor echoed.
    /// </summary>
    private static async Task<Results<Accepted<ObjectionCodeSent>, ValidationProblem, ProblemHttpResult>> Object(
        string caseId,
        PublicObjection body,
        HttpContext http,
        ResidentDirectory residents,
        ResidentRequests requests,
        ObjectionCodes codes,
        PublicWriteLimits limits,
        IOptions<PublicApiOptions> options,
        ILogger<PublicObjection> logger,
        CancellationToken ct)
    {
        if (!await limits.TryRequestFromClientAsync(ClientAddresses.Of(http), ct))
        {
            LogRateLimited(logger, caseId, "client");
            return ApiResults.TooManyRequests(http);
        }

        if (E164.MainlandMobile(body.Phone) is not { } phone)
        {
            return InvalidPhone();
        }

        if (string.IsNullOrWhiteSpace(body.Reason))
        {
            return ApiResults.Invalid("reason", "请填写异议理由：这项决定为什么应当重新考虑。'reason' is required: say why the decision should be reconsidered.");
        }

        if (body.Reason.Trim().Length > MaxReasonLength)
        {
            return ApiResults.Invalid("reason", $"异议理由不能超过{MaxReasonLength}字。At most {MaxReasonLength} characters.");
        }

        var residentKey = residents.PhoneKey(phone);
        if (!await limits.TryRequestForResidentAsync(residentKey, ct))
        {
            LogRateLimited(logger, caseId, "resident");
            return ApiResults.TooManyRequests(http);
        }

        var lifetime = options.Value.ObjectionCodeLifetime;
        var result = await codes.RequestAsync(caseId, phone, residentKey, body.Reason, ct);
        return result switch
        {
            { Status: CodeRequestStatus.Sent, ExpiresAt: { } expiresAt, Challenge: { } challenge } => TypedResults.Accepted(
                (string?)null,
                new ObjectionCodeSent(
                    caseId,
                    TimeZoneInfo.ConvertTime(expiresAt, requests.Zone),
                    challenge,
                    $"验证码已发送至您填写的手机，请在{(int)lifetime.TotalMinutes}分钟内提交验证码，异议经验证后计入。")),
            { Status: CodeRequestStatus.Refused, Refusal: { } refusal } => Refused(caseId, refusal),
            { Status: CodeRequestStatus.TooSoon, RetryAfter: { } wait } => ApiResults.TooManyRequests(
                http,
                wait,
                $"该手机号码获取验证码过于频繁，请{ApiResults.RetrySeconds(wait)}秒后再试。您也可以用该手机直接发送短信“异议{caseId} 您的理由”提出异议。"),
            { Status: CodeRequestStatus.TownBudgetSpent, RetryAfter: { } untilTomorrow } => ApiResults.TooManyRequests(
                http,
                untilTomorrow,
                $"今日全镇异议验证码短信已达上限，请明天再试。您也可以用手机直接发送短信“异议{caseId} 您的理由”提出异议。The town's objection codes for today have all been sent; try again tomorrow, or text 异议{caseId} and your reason."),
            _ => TypedResults.Problem("短信发送失败，异议未提交，请稍后再试。", statusCode: StatusCodes.Status503ServiceUnavailable, title: "The verification text could not be sent"),
        };
    }

    /// <summary>
    /// 异议 by the web, step 2: the code texted to the mobile. The right one raises the objection (answered as the SMS
    /// channel would); a wrong one costs a try, and after the last the objection is void and needs a new code.
    /// </summary>
    private static async Task<Results<Ok<ObjectionReceipt>, ValidationProblem, ProblemHttpResult>> Confirm(
        string caseId,
        ObjectionConfirmation body,
        HttpContext http,
        ResidentDirectory residents,
        ResidentRequests requests,
        ObjectionCodes codes,
        PublicWriteLimits limits,
        IOptions<PublicApiOptions> options,
        ILogger<PublicObjection> logger,
        CancellationToken ct)
    {
        if (!await limits.TryConfirmFromClientAsync(ClientAddresses.Of(http), ct))
        {
            LogRateLimited(logger, caseId, "confirmation");
            return ApiResults.TooManyRequests(http);
        }

        if (E164.MainlandMobile(body.Phone) is not { } phone)
        {
            return InvalidPhone();
        }

        if (ObjectionCodes.NormaliseCode(body.Code) is not { } code)
        {
            return ApiResults.Invalid("code", "请输入短信中的6位验证码。'code' is required: the 6 digits texted to the mobile.");
        }

        if (string.IsNullOrWhiteSpace(body.Challenge) || body.Challenge.Length > ObjectionCodes.MaxChallengeLength)
        {
            return ApiResults.Invalid("challenge", "请重新获取验证码。'challenge' is required: the value the request for the code was answered with.");
        }

        var result = await codes.ConfirmAsync(caseId, residents.PhoneKey(phone), body.Challenge.Trim(), code, ct);
        return result switch
        {
            { Status: CodeConfirmStatus.Confirmed, Answer: { } answer } => Receipt(caseId, answer, requests.Zone, logger),
            { Status: CodeConfirmStatus.WrongCode } => CodeProblem(422, "Wrong code", $"验证码不正确，还可尝试{result.TriesLeft}次。", result.TriesLeft),
            { Status: CodeConfirmStatus.Voided } => CodeProblem(422, "Wrong code, no tries left", $"验证码已连续输错{options.Value.ObjectionCodeTries}次，本次异议已作废，请重新获取验证码。", 0),
            { Status: CodeConfirmStatus.Expired } => CodeProblem(410, "Code expired", $"验证码已超过{(int)options.Value.ObjectionCodeLifetime.TotalMinutes}分钟有效期，请重新获取验证码。", null),
            _ => CodeProblem(409, "No code pending", "没有待验证的异议：验证码已使用、已作废或尚未获取，请重新获取验证码。", null),
        };
    }

    /// <summary>The case's answer to a verified objection, as the single-step endpoint gave it: 200 receipt, 404 or 409.</summary>
    private static Results<Ok<ObjectionReceipt>, ValidationProblem, ProblemHttpResult> Receipt(string caseId, ResidentAnswer answer, TimeZoneInfo zone, ILogger logger)
    {
        LogObjection(logger, caseId, answer.Outcome);
        return answer switch
        {
            { Outcome: ResidentRequestOutcome.Accepted or ResidentRequestOutcome.AlreadyCounted, State.Decision: { } decision } => TypedResults.Ok(new ObjectionReceipt(
                caseId,
                decision.Objections,
                decision.ObjectionsToReopen,
                TimeZoneInfo.ConvertTime(decision.ReviewEndsAt, zone),
                decision.Reopened,
                answer.Outcome == ResidentRequestOutcome.AlreadyCounted,
                answer.Text)),
            _ => Refused(caseId, answer),
        };
    }

    /// <summary>404 for an unknown case, else 409 with the resident's explanation (e.g. when the review ended).</summary>
    private static ProblemHttpResult Refused(string caseId, ResidentAnswer answer) =>
        answer.Outcome == ResidentRequestOutcome.NotFound ? ApiResults.NotFound($"No case {caseId}.") : ApiResults.Conflict(answer.Text);

    private static ProblemHttpResult CodeProblem(int status, string title, string detail, int? triesLeft) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: triesLeft is { } left ? new Dictionary<string, object?> { ["triesLeft"] = left } : null);

    /// <summary>Codes go to mainland mobiles only: a number abroad may be premium-rate, a landline cannot take a text.</summary>
    private static ValidationProblem InvalidPhone() =>
        ApiResults.Invalid("phone", "请填写中国大陆手机号码：11位数字，以13至19开头，可带+86。A mainland China mobile number is required: 11 digits starting 13-19, optionally with +86.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Public objection to case {CaseId}: {Outcome}")]
    private static partial void LogObjection(ILogger logger, string caseId, ResidentRequestOutcome outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Public objection to case {CaseId} refused: {Partition} over the rate limit")]
    private static partial void LogRateLimited(ILogger logger, string caseId, string partition);
}
