using Deliberation.Domain.Access;
using Deliberation.Api.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>ProblemDetails answers, in one place.</summary>
internal static class ApiResults
{
    public static ProblemHttpResult NotFound(string detail) => TypedResults.Problem(detail, statusCode: 404, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: 403, title: "Forbidden");

    public static ProblemHttpResult Conflict(string detail) => TypedResults.Problem(detail, statusCode: 409, title: "Not possible in the case's current state");

    /// <summary>429 with Retry-After: the client (or the resident) posted too often this minute.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context) =>
        TooManyRequests(context, TimeSpan.FromMinutes(1), "操作过于频繁，请一分钟后再试。Too many requests from this client or for this resident; try again in a minute.");

    /// <summary>429 with Retry-After in whole seconds (at least one): the caller may ask again once <paramref name="retryAfter"/> has passed.</summary>
    public static ProblemHttpResult TooManyRequests(HttpContext context, TimeSpan retryAfter, string detail)
    {
        context.Response.Headers.RetryAfter = RetrySeconds(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: 429, title: "Too many requests");
    }

    /// <summary>A wait in whole seconds as Retry-After gives it: rounded up, at least one.</summary>
    public static int RetrySeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static ProblemHttpResult Unauthenticated() => TypedResults.Problem("A staff token with a unit is required.", statusCode: 401, title: "Unauthorized");

    public static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The client's Idempotency-Key, so a retried action is applied once; a fresh id otherwise.</summary>
    public static string MessageId(HttpRequest request, string action)
    {
        var key = request.Headers["Idempotency-Key"].ToString();
        return string.IsNullOrWhiteSpace(key) ? $"{action}-{Guid.NewGuid():N}" : $"{action}-{key.Trim()}";
    }

    public static StaffUser? Staff(HttpContext context) => context.User.ToStaffUser();

    /// <summary>The optional <c>?state=</c> filter of the list endpoints.</summary>
    public static bool TryParseState(string? state, out Deliberation.Domain.Workflow.CaseStatus? status, out ValidationProblem? problem)
    {
        status = null;
        problem = null;
        if (state is null)
        {
            return true;
        }

        if (Enum.TryParse<Deliberation.Domain.Workflow.CaseStatus>(state, ignoreCase: true, out var parsed))
        {
            status = parsed;
            return true;
        }

        problem = Invalid("state", $"One of {string.Join(", ", Enum.GetNames<Deliberation.Domain.Workflow.CaseStatus>())}.");
        return false;
    }
}
