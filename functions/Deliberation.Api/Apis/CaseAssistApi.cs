using Deliberation.Domain.Access;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>A category the classifier suggests for a case, with its score (0–1).</summary>
public sealed record CategorySuggestion(NamedRef Category, double Score);

/// <summary>A draft reply as the public page and the other reporters will read it (names, numbers, house numbers redacted).</summary>
public sealed record ReplyPreview(string Public);

/// <summary>
/// What the console shows staff before they act: the classifier's top three categories for a case (the dispatch
/// centre's triage), and a draft reply redacted as it would be published. Neither changes the case.
/// </summary>
public static class CaseAssistApi
{
    public const int Suggestions = 3;

    public static IEndpointRouteBuilder MapCaseAssistApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}").RequireAuthorization();
        cases.MapGet("/categories", Categories).WithName("SuggestCategories");
        cases.MapPost("/reply-preview", Preview).WithName("PreviewReply");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<CategorySuggestion>>, ProblemHttpResult>> Categories(string caseId, HttpContext http, CaseHandlerDeps deps, CancellationToken ct)
    {
        var (state, problem) = await ReadableAsync(caseId, http, deps, ct);
        if (problem is not null)
        {
            return problem;
        }

        var context = deps.Town.Context;
        var guess = context.Classifier?.Classify(state!.Text);
        IReadOnlyList<CategorySuggestion> top = guess is null
            ? []
            : guess.Ranked
                .Where(r => context.Directory.FindCategory(r.Category) is not null)
                .Take(Suggestions)
                .Select(r => new CategorySuggestion(new NamedRef(r.Category, context.Directory.FindCategory(r.Category)!.Name), Math.Round(r.Score, 3)))
                .ToList();
        return TypedResults.Ok(top);
    }

    private static async Task<Results<Ok<ReplyPreview>, ValidationProblem, ProblemHttpResult>> Preview(string caseId, ReplyRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Reply))
        {
            return ApiResults.Invalid("reply", "The draft reply is required.");
        }

        var (state, problem) = await ReadableAsync(caseId, http, deps, ct);
        return problem is not null
            ? problem
            : TypedResults.Ok(new ReplyPreview(Redactor.Redact(body.Reply.Trim(), Redactor.NamesIn(state!.Text))));
    }

    private static async Task<(CaseState? State, ProblemHttpResult? Problem)> ReadableAsync(string caseId, HttpContext http, CaseHandlerDeps deps, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return (null, ApiResults.Unauthenticated());
        }

        if (await deps.Runtime.Store.GetStateAsync(caseId, ct) is not { State: var state })
        {
            return (null, ApiResults.NotFound($"No case {caseId}."));
        }

        return deps.Allows(staff, state, StaffAction.Read) ? (state, null) : (null, ApiResults.Forbidden("The case belongs to another unit."));
    }
}
