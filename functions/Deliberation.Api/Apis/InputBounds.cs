using Deliberation.Domain.Workflow;
using Deliberation.Storage;

namespace Deliberation.Api.Apis;

/// <summary>
/// The bounds of what the API takes, in one place (docs/guide.md lists them). <see cref="InputBoundsFilter"/> checks
/// them before any handler runs, so over-long text, an id storage cannot key, or an unusable Idempotency-Key is a 400
/// ValidationProblem naming the field, never a 500 or a record that can no longer be written.
/// </summary>
public static class InputBounds
{
    /// <summary>An id in a route or a body (case, meeting, item, unit, category, representative, member, co-report key).</summary>
    public const int MaxId = CaseWorkflow.MaxIdLength;

    /// <summary>An Idempotency-Key: visible ASCII (a UUID, a client's request number), at most this long.</summary>
    public const int MaxIdempotencyKey = 100;

    /// <summary>A note, reply or reason on a case: what the case keeps of each (<see cref="CaseWorkflow.MaxNoteLength"/>).</summary>
    public const int MaxNote = CaseWorkflow.MaxNoteLength;

    /// <summary>A place given with a work order (<see cref="CaseWorkflow.MaxPlaceLength"/>).</summary>
    public const int MaxPlace = CaseWorkflow.MaxPlaceLength;

    /// <summary>The departments one whistle summons (<see cref="CaseWorkflow.MaxSummoned"/>), after duplicates are dropped.</summary>
    public const int MaxSummoned = CaseWorkflow.MaxSummoned;

    /// <summary>The longest page any list serves, whatever <c>pageSize</c> asks.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The page size a list serves: the one asked for within 1 to <see cref="MaxPageSize"/>, 50 when none.</summary>
    public static int PageSize(int? requested) => Math.Clamp(requested ?? 50, 1, MaxPageSize);

    /// <summary>A list's continuation token, as the previous page gave it: visible ASCII and spaces, at most this long.</summary>
    public const int MaxContinuationToken = 2048;

    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public const string ContinuationTokenParameter = "continuationToken";

    /// <summary>An id storage can key and the API accepts: 1 to <see cref="MaxId"/> characters, none of them '/', '\', '#', '?' or a control character.</summary>
    public static bool IsId(string? value) => value is { Length: > 0 and <= MaxId } && StorageKey.IsValid(value);

    public static bool IsIdempotencyKey(string value) =>
        value.Length is > 0 and <= MaxIdempotencyKey && value.All(c => c is >= '!' and <= '~');

    /// <summary>A token a list could have given: it goes to storage in request headers, so nothing else may pass.</summary>
    public static bool IsContinuationToken(string value) =>
        value.Length <= MaxContinuationToken && value.All(c => c is >= ' ' and <= '~');

    /// <summary>A text field: absent, or at most <paramref name="max"/> characters.</summary>
    public static FieldBound Text(string field, string? value, int max) =>
        new(field, value?.Length > max ? $"At most {max} characters." : null);

    /// <summary>An id field: absent, or an id (<see cref="IsId"/>).</summary>
    public static FieldBound Id(string field, string? value) =>
        new(field, value is null || IsId(value) ? null : IdProblem);

    /// <summary>A list of ids: absent, or at most <paramref name="max"/> of them, each an id.</summary>
    public static FieldBound Ids(string field, IReadOnlyList<string?>? values, int max) =>
        new(field, values switch
        {
            null => null,
            { Count: var count } when count > max => $"At most {max} entries.",
            _ when values.Any(v => !IsId(v)) => IdProblem,
            _ => null,
        });

    /// <summary>The problems of a request: its route ids, its Idempotency-Key and its bounded bodies, by field.</summary>
    public static Dictionary<string, string[]> Problems(HttpContext http, IEnumerable<object?> arguments)
    {
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string id && !IsId(id))
            {
                errors[name] = [IdProblem];
            }
        }

        if (http.Request.Headers.TryGetValue(IdempotencyKeyHeader, out var keys) && (keys.Count != 1 || !IsIdempotencyKey(keys.ToString().Trim())))
        {
            errors[IdempotencyKeyHeader] = [$"One key of 1 to {MaxIdempotencyKey} visible ASCII characters (a UUID, say)."];
        }

        if (http.Request.Query.TryGetValue(ContinuationTokenParameter, out var tokens) && (tokens.Count != 1 || !IsContinuationToken(tokens.ToString())))
        {
            errors[ContinuationTokenParameter] = ["Pass back the continuationToken of the previous page."];
        }

        foreach (var bound in arguments.OfType<IBoundedRequest>().SelectMany(r => r.Bounds()))
        {
            if (bound.Problem is { } problem)
            {
                errors[bound.Field] = [problem];
            }
        }

        return errors;
    }

    private static string IdProblem => $"An id of 1 to {MaxId} characters, without '/', '\\', '#', '?' or control characters.";
}

/// <summary>One field of a request checked against its bound: its name as the JSON body spells it, and what is wrong, if anything.</summary>
public sealed record FieldBound(string Field, string? Problem);

/// <summary>A request body with bounded fields; <see cref="InputBoundsFilter"/> checks them before the handler runs.</summary>
public interface IBoundedRequest
{
    IEnumerable<FieldBound> Bounds();
}

/// <summary>Answers a request outside <see cref="InputBounds"/> with 400 ValidationProblem; the handler never sees it.</summary>
internal sealed class InputBoundsFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var errors = InputBounds.Problems(context.HttpContext, context.Arguments);
        return errors.Count > 0 ? ValueTask.FromResult<object?>(TypedResults.ValidationProblem(errors)) : next(context);
    }
}
