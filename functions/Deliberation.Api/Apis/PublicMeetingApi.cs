using System.Globalization;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Workflow;
using Deliberation.Api.Classification.AzureLanguage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>
/// 居务公开 of meetings: what held meetings decided, with counts instead of members' names, redacted resolutions,
/// the 四议两公开 steps with their dates, and for a referred case its decision's public review.
/// </summary>
public static class PublicMeetingApi
{
    public static IEndpointRouteBuilder MapPublicMeetingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/public/meetings").AllowAnonymous();
        group.MapGet("", List).WithName("ListPublicMeetings");
        group.MapGet("/{meetingId}", Get).WithName("GetPublicMeeting");
        return app;
    }

    /// <summary>
    /// A committee's held meetings, a page at a time in date order (from <paramref name="from"/>, <c>yyyy-MM-dd</c>, on when
    /// given). A committee is required: the list is one keyed query of its meetings, never a scan of the town's.
    /// </summary>
    private static async Task<Results<Ok<Page<PublicMeetingSummary>>, ValidationProblem>> List(
        string? committee,
        string? from,
        int? pageSize,
        string? continuationToken,
        MeetingDeps deps,
        CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(committee) || deps.Town.Context.Directory.FindUnit(committee) is not { Kind: UnitKind.VillageCommittee })
        {
            return ApiResults.Invalid("committee", "The id of a village or residents' committee is required (see GET /api/directory).");
        }

        DateOnly? since = null;
        if (from is not null)
        {
            if (!DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return ApiResults.Invalid("from", "A date as yyyy-MM-dd.");
            }

            since = day;
        }

        var (held, next) = await deps.Store.ListHeldAsync(committee, since, InputBounds.PageSize(pageSize), continuationToken, ct);
        var views = deps.Views();
        return TypedResults.Ok(new Page<PublicMeetingSummary>(held.Select(r => views.PublicSummary(r.Meeting)).ToList(), next));
    }

    private static async Task<Results<Ok<PublicMeetingView>, ProblemHttpResult>> Get(string meetingId, MeetingDeps deps, ICaseRuntime runtime, IPiiRedactor pii, CancellationToken ct)
    {
        if (await deps.Store.GetAsync(meetingId, ct) is not { Record.Meeting: { Status: MeetingStatus.Held or MeetingStatus.Closed } meeting })
        {
            return ApiResults.NotFound($"No held meeting {meetingId}.");
        }

        var facts = new Dictionary<string, CaseItemFacts>(StringComparer.Ordinal);
        foreach (var caseId in meeting.Items.Select(i => i.CaseId).OfType<string>())
        {
            if (await runtime.Store.GetStateAsync(caseId, ct) is { State: var state })
            {
                // 实施结果公开: the case records when the result of carrying out this meeting's decision was published.
                var decision = state.Decision?.MeetingId == meeting.MeetingId ? state.Decision : null;
                facts[caseId] = new CaseItemFacts(decision, decision?.ResultPublishedAt, await runtime.Store.ReporterNamesAsync(state, ct));
            }
        }

        var view = deps.Views().Public(meeting, facts);

        // Resolutions are already locally redacted; a configured cloud PII service gets a second pass over them.
        var items = new List<PublicAgendaItem>(view.Items.Count);
        foreach (var item in view.Items)
        {
            items.Add(item.Resolution is { } resolution ? item with { Resolution = await pii.RedactAsync(resolution, ct) } : item);
        }

        return TypedResults.Ok(view with { Items = items });
    }
}
