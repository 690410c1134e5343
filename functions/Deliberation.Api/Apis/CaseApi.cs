using Deliberation.Domain.Access;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

public sealed record NoteRequest(string? Note) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Text("note", Note, InputBounds.MaxNote)];
}

public sealed record ReplyRequest(string? Reply) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Text("reply", Reply, InputBounds.MaxNote)];
}

public sealed record ReasonRequest(string? Reason) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Text("reason", Reason, InputBounds.MaxNote)];
}

public sealed record TransferRequest(string? Reason, string? SuggestedUnit) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Text("reason", Reason, InputBounds.MaxNote), InputBounds.Id("suggestedUnit", SuggestedUnit)];
}

public sealed record ReassignRequest(string? UnitId, string? Category) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Id("unitId", UnitId), InputBounds.Id("category", Category)];
}

public sealed record SplitRequest(string? ReporterKey) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Id("reporterKey", ReporterKey)];
}

/// <summary>A dispatcher's verdict on a (possible) emergency: <c>confirm</c>, or <c>downgrade</c> with a reason.</summary>
public sealed record UrgencyRequest(string? Action, string? Reason) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() => [InputBounds.Text("action", Action, 20), InputBounds.Text("reason", Reason, InputBounds.MaxNote)];
}

public sealed record SplitResult(string CaseId, string NewCaseId);

/// <summary>The staff API: read a case, list a unit's cases, and act on a case.</summary>
public static class CaseApi
{
    public static IEndpointRouteBuilder MapCaseApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}").RequireAuthorization();
        cases.MapGet("", GetCase).WithName("GetCase");
        cases.MapPost("/acknowledge", (string caseId, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Act(caseId, http, deps, StaffAction.Acknowledge, (id, now, actor) => new Acknowledge(id, now, actor), ct));
        cases.MapPost("/progress", (string caseId, NoteRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Required(body.Note, "note") ?? Act(caseId, http, deps, StaffAction.Progress, (id, now, actor) => new ReportProgress(id, now, actor, body.Note!), ct));
        cases.MapPost("/respond", (string caseId, ReplyRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Required(body.Reply, "reply") ?? Act(caseId, http, deps, StaffAction.Respond, (id, now, actor) => new Respond(id, now, actor, body.Reply!), ct));
        cases.MapPost("/decline", (string caseId, ReasonRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Required(body.Reason, "reason") ?? Act(caseId, http, deps, StaffAction.Decline, (id, now, actor) => new Decline(id, now, actor, body.Reason!), ct));
        cases.MapPost("/transfer", (string caseId, TransferRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Required(body.Reason, "reason") ?? Act(caseId, http, deps, StaffAction.Transfer, (id, now, actor) => new Transfer(id, now, actor, body.Reason!, body.SuggestedUnit), ct));
        cases.MapPost("/escalate", (string caseId, ReasonRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Required(body.Reason, "reason") ?? Act(caseId, http, deps, StaffAction.Escalate, (id, now, actor) => new Escalate(id, now, actor, body.Reason!), ct));
        cases.MapPost("/reassign", Reassign);
        cases.MapPost("/refer", (string caseId, NoteRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Act(caseId, http, deps, StaffAction.Refer, (id, now, actor) => new ReferToDeliberation(id, now, actor, body.Note), ct));
        cases.MapPost("/reopen", (string caseId, ReasonRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            Required(body.Reason, "reason") ?? Act(caseId, http, deps, StaffAction.Reopen, (id, now, actor) => new Reopen(id, now, body.Reason!, actor), ct));

        cases.MapPost("/split", Split).WithName("SplitCoReport");
        cases.MapPost("/urgency", SetUrgency).WithName("SetUrgency");

        app.MapGet("/api/units/{unitId}/cases", ListUnitCases).RequireAuthorization().WithName("ListUnitCases");
        return app;
    }

    private static async Task<Results<Ok<StaffCaseView>, ProblemHttpResult>> GetCase(string caseId, HttpContext http, CaseHandlerDeps deps, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        var found = await deps.Runtime.Store.GetStateAsync(caseId, ct);
        if (found is not { State: var state })
        {
            return ApiResults.NotFound($"No case {caseId}.");
        }

        return deps.Allows(staff, state, StaffAction.Read)
            ? TypedResults.Ok(await deps.StaffViewAsync(state, ct))
            : ApiResults.Forbidden("The case belongs to another unit.");
    }

    /// <summary>Checks the staff member may take the action on the case, then hands the message to the case's workflow.</summary>
    internal static async Task<IResult> Act(string caseId, HttpContext http, CaseHandlerDeps deps, StaffAction action, Func<string, DateTimeOffset, Actor, CaseMessage> message, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        var found = await deps.Runtime.Store.GetStateAsync(caseId, ct);
        if (found is not { State: var state })
        {
            return ApiResults.NotFound($"No case {caseId}.");
        }

        if (!deps.Allows(staff, state, action))
        {
            return ApiResults.Forbidden($"You may not {action.ToString().ToLowerInvariant()} this case.");
        }

        // The case checks the action again, in this role, against the state it is applied to.
        var actor = staff.AsActor(CaseAccess.ActingRole(staff, state, action, new AccessScope(deps.Town.Context.Directory)));
        var result = await deps.Runtime.HandleAsync(caseId, message(ApiResults.MessageId(http.Request, action.ToString().ToLowerInvariant()), deps.Time.GetUtcNow(), actor), ct);
        return result.Outcome switch
        {
            CaseOutcome.NotFound => ApiResults.NotFound($"No case {caseId}."),
            CaseOutcome.Rejected => ApiResults.Conflict(result.Reason ?? "Not possible now."),

            // The workflow has the action but had not applied it yet: the case's own URL will show it.
            CaseOutcome.Accepted => TypedResults.Accepted($"/api/cases/{caseId}", await deps.StaffViewAsync(result.State!, ct)),
            _ => TypedResults.Ok(await deps.StaffViewAsync(result.State!, ct)),
        };
    }

    /// <summary>转派; a category given with it is a staff correction, kept as a labelled example for retraining.</summary>
    private static async Task<IResult> Reassign(string caseId, ReassignRequest body, HttpContext http, CaseHandlerDeps deps, Storage.Intake.Corrections corrections, CancellationToken ct)
    {
        if (Required(body.UnitId, "unitId") is { } invalid)
        {
            return await invalid;
        }

        var before = (await deps.Runtime.Store.GetStateAsync(caseId, ct))?.State;
        var result = await Act(caseId, http, deps, StaffAction.Reassign, (id, now, actor) => new Domain.Workflow.Reassign(id, now, actor, body.UnitId!, body.Category), ct);
        if (before is not null && body.Category is { } label && label != before.Category && result is IStatusCodeHttpResult { StatusCode: 200 })
        {
            await corrections.AddAsync(caseId, label, before.Text, deps.Time.GetUtcNow(), ct);
        }

        return result;
    }

    /// <summary>
    /// A dispatcher confirms a possible emergency (fast-tracked as one) or downgrades a (possible) emergency to an ordinary
    /// case; 409 when the case is not one the action applies to.
    /// </summary>
    private static Task<IResult> SetUrgency(string caseId, UrgencyRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
        body.Action?.Trim().ToLowerInvariant() switch
        {
            "confirm" => Act(caseId, http, deps, StaffAction.SetUrgency, (id, now, actor) => new ConfirmEmergency(id, now, actor, body.Reason), ct),
            "downgrade" => Required(body.Reason, "reason")
                ?? Act(caseId, http, deps, StaffAction.SetUrgency, (id, now, actor) => new DowngradeUrgency(id, now, actor, body.Reason!), ct),
            _ => Task.FromResult<IResult>(ApiResults.Invalid("action", "'confirm' or 'downgrade' (with a reason).")),
        };

    /// <summary>Undo a wrong merge: the named co-report becomes a case of its own.</summary>
    private static async Task<Results<Ok<SplitResult>, ValidationProblem, ProblemHttpResult>> Split(
        string caseId,
        SplitRequest body,
        HttpContext http,
        CaseHandlerDeps deps,
        Storage.Intake.IntakeService intake,
        CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (string.IsNullOrWhiteSpace(body.ReporterKey))
        {
            return ApiResults.Invalid("reporterKey", "Name the co-report to split off (coReports[].key of the case).");
        }

        var found = await deps.Runtime.Store.GetStateAsync(caseId, ct);
        if (found is not { State: var state })
        {
            return ApiResults.NotFound($"No case {caseId}.");
        }

        if (!deps.Allows(staff, state, StaffAction.Split))
        {
            return ApiResults.Forbidden("You may not split this case.");
        }

        var result = await intake.SplitAsync(caseId, body.ReporterKey, staff, ct);
        return result switch
        {
            null => ApiResults.NotFound($"Case {caseId} has no co-report {body.ReporterKey}."),
            { Rejection: { } reason } => ApiResults.Conflict(reason),
            _ => TypedResults.Ok(new SplitResult(caseId, result.CaseId)),
        };
    }

    private static async Task<Results<Ok<Page<UnitCaseSummary>>, ValidationProblem, ProblemHttpResult>> ListUnitCases(
        string unitId,
        string? state,
        int? pageSize,
        string? continuationToken,
        HttpContext http,
        CaseHandlerDeps deps,
        CaseProjections projections,
        CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (deps.Town.Context.Directory.FindUnit(unitId) is null)
        {
            return ApiResults.NotFound($"No unit {unitId}.");
        }

        if (!CaseAccess.CanListUnit(staff, unitId))
        {
            return ApiResults.Forbidden("You may list your own unit's cases only.");
        }

        if (!ApiResults.TryParseState(state, out var status, out var problem))
        {
            return problem!;
        }

        var (items, next) = await projections.ListUnitAsync(unitId, status, InputBounds.PageSize(pageSize), continuationToken, ct);
        var views = deps.Views();
        return TypedResults.Ok(new Page<UnitCaseSummary>(items.Select(views.UnitSummary).ToList(), next));
    }

    /// <summary>A required text's problem, or null (its length is bounded by <see cref="InputBoundsFilter"/> before).</summary>
    internal static Task<IResult>? Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? Task.FromResult<IResult>(ApiResults.Invalid(field, $"'{field}' is required.")) : null;
}

/// <summary>What the case endpoints share, injected as one.</summary>
public sealed class CaseHandlerDeps(ICaseRuntime runtime, TownState town, Storage.Residents.ResidentDirectory residents, TimeProvider time)
{
    public ICaseRuntime Runtime { get; } = runtime;

    public TownState Town { get; } = town;

    public TimeProvider Time { get; } = time;

    public CaseViews Views() => new(Town.Context.Directory, Town.Zone);

    /// <summary><see cref="CaseAccess"/> with what it needs to know: the directory (constituencies, kinds of unit).</summary>
    public bool Allows(StaffUser staff, CaseState state, StaffAction action) =>
        CaseAccess.Allows(staff, state, action, new AccessScope(Town.Context.Directory));

    public async Task<StaffCaseView> StaffViewAsync(CaseState state, CancellationToken ct)
    {
        var timeline = await Runtime.Store.TimelineAsync(state.CaseId, ct);
        var (stored, coReporters) = await Runtime.Store.ReportersAsync(state.CaseId, ct);
        var coReports = coReporters.Select(c => (c, residents.Reveal(c.Contact))).ToList();
        return Views().Staff(state, timeline, stored is null ? null : residents.Reveal(stored), coReports);
    }
}
