using Deliberation.Domain.Workflow;
using Deliberation.Functions.Classification.AzureLanguage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Functions.Apis;

/// <summary>What anyone may read: cases without their reporters, with redacted replies.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/cases").AllowAnonymous();
        group.MapGet("", List).WithName("ListPublicCases");
        group.MapGet("/{caseId}", Get).WithName("GetPublicCase");
        return app;
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

        // The reply is already locally redacted; a configured cloud PII service gets a second pass over it.
        return TypedResults.Ok(view.Reply is { } reply ? view with { Reply = await pii.RedactAsync(reply, ct) } : view);
    }
}
