using System.Globalization;
using Deliberation.Domain.Access;
using Deliberation.Domain.Followers;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Api.Hosting;
using Deliberation.Storage;
using Deliberation.Storage.Digest;
using Deliberation.Storage.Follows;
using Deliberation.Storage.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>吹哨: the unit that leads and the departments summoned (duplicates count once, at most <see cref="InputBounds.MaxSummoned"/>).</summary>
public sealed record WhistleRequest(string? Lead, IReadOnlyList<string?>? Summoned, string? Reason) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() =>
    [
        InputBounds.Id("lead", Lead),
        InputBounds.Ids("summoned", Summoned?.Distinct(StringComparer.Ordinal).ToList(), InputBounds.MaxSummoned),
        InputBounds.Text("reason", Reason, InputBounds.MaxNote),
    ];
}

/// <summary>A followed case as its follower lists it.</summary>
public sealed record FollowView(string CaseId, string Follower, DateTimeOffset Since);

/// <summary>One line of a casebook: how the case stands, for someone who follows it.</summary>
/// <param name="Via"><c>constituency</c> (a case of the representative's villages) or <c>follow</c> (followed explicitly).</param>
/// <param name="DaysOpen">Calendar days since it was received, in the town's zone (until it closed).</param>
/// <param name="Overdue">Marked overdue by the workflow, or past the deadline its unit owes.</param>
public sealed record CasebookItem(
    string CaseId,
    CaseStatus Status,
    NamedRef? Unit,
    NamedRef? Category,
    NamedRef? Village,
    DateTimeOffset ReceivedAt,
    int DaysOpen,
    bool Overdue,
    bool Supervised,
    DateTimeOffset? NextDeadlineAt,
    string Via);

public sealed record DigestEntryView(string CaseId, string Milestone, CaseStatus? Status, NamedRef? Unit, DateTimeOffset At);

/// <summary>What a representative's daily digest of a day says (or will say, before it is sent).</summary>
public sealed record DigestPreview(DateOnly Date, string Recipient, DateTimeOffset SendsAt, string? Text, IReadOnlyList<DigestEntryView> Entries);

/// <summary>
/// Representatives and followers: follow a case, 督办 (supervise), 吹哨 (whistle) and 报到 (report in), a
/// representative's casebook and digest, and a staff member's own follows.
/// </summary>
public static class RepresentativesApi
{
    private const string ViaConstituency = "constituency";
    private const string ViaFollow = "follow";
    private const string VillagePhase = "v:";
    private const string FollowPhase = "f:";

    public static IHostApplicationBuilder AddFollowers(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FollowStore>();
        builder.Services.AddSingleton<DigestStore>();
        builder.Services.AddSingleton<DigestService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapRepresentativesApi(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{caseId}").RequireAuthorization();
        cases.MapPost("/follow", Follow).WithName("FollowCase");
        cases.MapDelete("/follow", Unfollow).WithName("UnfollowCase");
        cases.MapPost("/supervise", (string caseId, NoteRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            CaseApi.Act(caseId, http, deps, StaffAction.Supervise, (id, now, actor) => new Supervise(id, now, actor, body.Note), ct));
        cases.MapPost("/whistle", Whistle);
        cases.MapPost("/report-in", (string caseId, NoteRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct) =>
            CaseApi.Act(caseId, http, deps, StaffAction.ReportIn, (id, now, actor) => new ReportIn(id, now, actor, body.Note), ct));

        var representatives = app.MapGroup("/api/representatives/{representativeId}").RequireAuthorization();
        representatives.MapGet("/cases", ListCasebook).WithName("RepresentativeCasebook");
        representatives.MapGet("/digest", Digest).WithName("RepresentativeDigest");

        app.MapGet("/api/me/follows", MyFollows).RequireAuthorization().WithName("MyFollows");
        return app;
    }

    private static async Task<Results<Ok<FollowView>, ProblemHttpResult>> Follow(string caseId, HttpContext http, CaseHandlerDeps deps, FollowStore follows, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (await deps.Runtime.Store.GetStateAsync(caseId, ct) is not { State: var state })
        {
            return ApiResults.NotFound($"No case {caseId}.");
        }

        if (!deps.Allows(staff, state, StaffAction.Follow))
        {
            return ApiResults.Forbidden("You may follow cases you may read.");
        }

        var follow = await follows.FollowAsync(FollowerKey.Of(staff), caseId, deps.Time.GetUtcNow(), ct);
        return TypedResults.Ok(new FollowView(follow.CaseId, follow.Follower, Local(deps, follow.Since)));
    }

    /// <summary>Unfollowing is always allowed (also a case one may no longer read); the constituency's cases stay followed.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> Unfollow(string caseId, HttpContext http, FollowStore follows, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        await follows.UnfollowAsync(FollowerKey.Of(staff), caseId, ct);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> Whistle(string caseId, WhistleRequest body, HttpContext http, CaseHandlerDeps deps, CancellationToken ct)
    {
        var directory = deps.Town.Context.Directory;
        if (CaseApi.Required(body.Reason, "reason") is { } invalid)
        {
            return await invalid;
        }

        if (string.IsNullOrWhiteSpace(body.Lead) || directory.FindUnit(body.Lead) is null)
        {
            return ApiResults.Invalid("lead", "Name the unit that leads (a unit id of the directory).");
        }

        var summoned = (body.Summoned ?? []).OfType<string>().Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (summoned.Count == 0)
        {
            return ApiResults.Invalid("summoned", "Name at least one department to summon.");
        }

        if (summoned.FirstOrDefault(u => directory.FindUnit(u) is null) is { } unknown)
        {
            return ApiResults.Invalid("summoned", $"No unit {unknown} in the directory.");
        }

        return await CaseApi.Act(caseId, http, deps, StaffAction.Whistle, (id, now, actor) => new Domain.Workflow.Whistle(id, now, actor, body.Lead.Trim(), summoned, body.Reason!), ct);
    }

    /// <summary>
    /// The cases of the representative's villages (from the village lists), then the cases they follow explicitly
    /// that are not of those villages. The continuation token says which of the two it continues.
    /// </summary>
    private static async Task<Results<Ok<Page<CasebookItem>>, ValidationProblem, ProblemHttpResult>> ListCasebook(
        string representativeId,
        bool? open,
        int? pageSize,
        string? continuationToken,
        HttpContext http,
        CaseHandlerDeps deps,
        CaseProjections projections,
        FollowStore follows,
        CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (deps.Town.Context.Directory.FindRepresentative(representativeId) is not { } representative)
        {
            return ApiResults.NotFound($"No representative {representativeId}.");
        }

        if (!CaseAccess.CanReadCasebook(staff, representativeId))
        {
            return ApiResults.Forbidden("A casebook is for its representative, dispatchers and admins.");
        }

        var openOnly = open ?? true;
        var size = InputBounds.PageSize(pageSize);
        var follower = FollowerKey.Representative(representativeId);
        var villages = representative.Villages;
        var now = deps.Time.GetUtcNow();
        switch (continuationToken)
        {
            case null or "":
            case var v when v.StartsWith(VillagePhase, StringComparison.Ordinal):
                var inner = continuationToken is { Length: > 2 } ? continuationToken[VillagePhase.Length..] : null;
                var (items, next) = await projections.ListVillagesAsync(villages, openOnly, size, inner, ct);
                var token = next is not null ? VillagePhase + next
                    : (await follows.FollowsAsync(follower, 1, null, ct)).Items.Count > 0 ? FollowPhase
                    : null;
                return TypedResults.Ok(new Page<CasebookItem>(items.Select(s => Item(deps, s, now, ViaConstituency)).ToList(), token));

            case var f when f.StartsWith(FollowPhase, StringComparison.Ordinal):
                var followed = await FollowedAsync(follower, openOnly, size, f.Length > FollowPhase.Length ? f[FollowPhase.Length..] : null, projections, follows, ct);
                var notOfVillages = followed.Items.Where(s => s.Village is null || !villages.Contains(s.Village, StringComparer.Ordinal));
                return TypedResults.Ok(new Page<CasebookItem>(notOfVillages.Select(s => Item(deps, s, now, ViaFollow)).ToList(), followed.Next is null ? null : FollowPhase + followed.Next));

            default:
                return ApiResults.Invalid("continuationToken", "Pass back the continuationToken of the previous page.");
        }
    }

    /// <summary>The cases the caller follows explicitly (a representative's constituency is in their casebook).</summary>
    private static async Task<Results<Ok<Page<CasebookItem>>, ProblemHttpResult>> MyFollows(
        bool? open,
        int? pageSize,
        string? continuationToken,
        HttpContext http,
        CaseHandlerDeps deps,
        CaseProjections projections,
        FollowStore follows,
        CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        var now = deps.Time.GetUtcNow();
        var (items, next) = await FollowedAsync(FollowerKey.Of(staff), open ?? false, InputBounds.PageSize(pageSize), continuationToken, projections, follows, ct);
        return TypedResults.Ok(new Page<CasebookItem>(items.Select(s => Item(deps, s, now, ViaFollow)).ToList(), next));
    }

    private static async Task<Results<Ok<DigestPreview>, ValidationProblem, ProblemHttpResult>> Digest(
        string representativeId,
        string? date,
        HttpContext http,
        CaseHandlerDeps deps,
        DigestStore digest,
        CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (deps.Town.Context.Directory.FindRepresentative(representativeId) is null)
        {
            return ApiResults.NotFound($"No representative {representativeId}.");
        }

        if (!CaseAccess.CanReadCasebook(staff, representativeId))
        {
            return ApiResults.Forbidden("A digest is for its representative, dispatchers and admins.");
        }

        DateOnly day;
        if (date is null)
        {
            day = DailyDigest.DayOf(deps.Time.GetUtcNow(), deps.Town.Zone);
        }
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return ApiResults.Invalid("date", "A date as yyyy-MM-dd.");
        }

        var recipient = FollowerKey.Representative(representativeId);
        var entries = await digest.ForRecipientAsync(day, recipient, ct);
        var directory = deps.Town.Context.Directory;
        var text = DailyDigest.Compose(recipient, day, entries, directory.TownName);
        var views = entries.OrderBy(e => e.At)
            .Select(e => new DigestEntryView(e.CaseId, e.Milestone, e.Status, e.UnitId is null ? null : new NamedRef(e.UnitId, directory.FindUnit(e.UnitId)?.Name ?? e.UnitId), Local(deps, e.At)))
            .ToList();
        return TypedResults.Ok(new DigestPreview(day, recipient, Local(deps, DailyDigest.SendTimeOf(day, deps.Town.Zone)), text, views));
    }

    private static async Task<(IReadOnlyList<CaseSummary> Items, string? Next)> FollowedAsync(
        string follower, bool openOnly, int size, string? continuation, CaseProjections projections, FollowStore follows, CancellationToken ct)
    {
        var (page, next) = await follows.FollowsAsync(follower, size, continuation, ct);
        var summaries = new List<CaseSummary>();
        foreach (var follow in page)
        {
            if (await projections.FindAsync(follow.CaseId, ct) is { } summary && !(openOnly && summary.Status == CaseStatus.Closed))
            {
                summaries.Add(summary);
            }
        }

        return (summaries, next);
    }

    private static CasebookItem Item(CaseHandlerDeps deps, CaseSummary s, DateTimeOffset now, string via)
    {
        var directory = deps.Town.Context.Directory;
        var zone = deps.Town.Zone;
        var asOf = s.Status == CaseStatus.Closed ? s.UpdatedAt : now;
        return new CasebookItem(
            s.CaseId,
            s.Status,
            s.UnitId is null ? null : new NamedRef(s.UnitId, directory.FindUnit(s.UnitId)?.Name ?? s.UnitId),
            s.Category is null ? null : new NamedRef(s.Category, directory.FindCategory(s.Category)?.Name ?? s.Category),
            s.Village is null ? null : new NamedRef(s.Village, directory.FindUnit(s.Village)?.Name ?? s.Village),
            TimeZoneInfo.ConvertTime(s.ReceivedAt, zone),
            Casebook.DaysOpen(s.ReceivedAt, asOf, zone),
            Casebook.IsOverdue(s.Status, s.Overdue, s.NextDeadlineAt, now),
            s.Supervised,
            s.NextDeadlineAt is { } due ? TimeZoneInfo.ConvertTime(due, zone) : null,
            via);
    }

    private static DateTimeOffset Local(CaseHandlerDeps deps, DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, deps.Town.Zone);
}
