using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Meetings;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Projections;
using Microsoft.AspNetCore.Http.HttpResults;
using static Deliberation.Api.Apis.MeetingValidation;

namespace Deliberation.Api.Apis;

/// <summary>
/// The staff API of committee meetings (议事会): schedule, build the agenda from referred cases, send it, record
/// attendance, votes, 四议 steps and minutes, cancel. A committee's officers, the dispatch centre and admins may.
/// </summary>
public static class MeetingApi
{
    public static IEndpointRouteBuilder MapMeetingApi(this IEndpointRouteBuilder app)
    {
        var meetings = app.MapGroup("/api/meetings").RequireAuthorization();
        meetings.MapPost("", Schedule).WithName("ScheduleMeeting");
        meetings.MapGet("", List).WithName("ListMeetings");
        meetings.MapGet("/{meetingId}", Get).WithName("GetMeeting");
        meetings.MapPost("/{meetingId}/agenda/build", BuildAgenda).WithName("BuildAgenda");
        meetings.MapPost("/{meetingId}/items", AddItem).WithName("AddAgendaItem");
        meetings.MapDelete("/{meetingId}/items/{itemId}", (string meetingId, string itemId, string? reason, HttpContext http, MeetingDeps deps, CancellationToken ct) =>
            Length(reason, "reason", MeetingLimits.MaxReason)
            ?? Change(meetingId, http, deps, "remove", (m, now) => m.RemoveItem(itemId, string.IsNullOrWhiteSpace(reason) ? "撤出议程" : reason.Trim(), now), ct))
            .WithName("RemoveAgendaItem");
        meetings.MapPost("/{meetingId}/notify", Notify).WithName("SendAgenda");
        meetings.MapPost("/{meetingId}/attendance", (string meetingId, AttendanceRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct) =>
            Attendance(body)
            ?? Change(meetingId, http, deps, "attendance", (m, now) => m.RecordAttendance(body.Present!, now), ct))
            .WithName("RecordAttendance");
        meetings.MapPost("/{meetingId}/items/{itemId}/vote", Vote).WithName("RecordVote");
        meetings.MapPost("/{meetingId}/items/{itemId}/steps", Step).WithName("RecordStep");
        meetings.MapPost("/{meetingId}/minutes", (string meetingId, MinutesRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct) =>
            Required(body.Minutes, "minutes", MeetingLimits.MaxMinutes)
            ?? Change(meetingId, http, deps, "minutes", (m, now) => m.RecordMinutes(body.Minutes!, now), ct))
            .WithName("RecordMinutes");
        meetings.MapPost("/{meetingId}/cancel", (string meetingId, ReasonRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct) =>
            Required(body.Reason, "reason", MeetingLimits.MaxReason)
            ?? Change(meetingId, http, deps, "cancel", (m, now) => m.Cancel(body.Reason!, now), ct))
            .WithName("CancelMeeting");
        meetings.MapPost("/{meetingId}/close", (string meetingId, HttpContext http, MeetingDeps deps, CancellationToken ct) =>
            Change(meetingId, http, deps, "close", (m, now) => m.Close(now), ct))
            .WithName("CloseMeeting");
        return app;
    }

    private static async Task<IResult> Schedule(ScheduleMeetingRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        var now = deps.Time.GetUtcNow();
        var errors = MeetingValidation.Schedule(body, deps.Town.Context.Directory, now, out var type, out var startsAt);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var committee = body.Committee!;
        if (!MeetingAccess.CanManage(staff, committee))
        {
            return ApiResults.Forbidden("You may schedule meetings of your own committee only.");
        }

        var plan = new MeetingPlan(
            committee,
            type,
            startsAt,
            body.Place!.Trim(),
            new MeetingChair(body.Chair!.Name!.Trim(), body.Chair.Role!.Trim()),
            body.Members!.Select(m => new MeetingMember(m.Id!, m.Name!.Trim())).ToList());
        var rule = deps.Town.Context.Policy.RuleFor(type);
        var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, deps.Town.Zone).DateTime);
        var key = http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } header ? header.Trim() : null;
        var result = await deps.Store.ScheduleAsync(committee, date, id => Meeting.Schedule(id, plan, rule, staff.UserId, now), key, ct);
        return result.Kind switch
        {
            MeetingChangeKind.Applied => (IResult)TypedResults.Created($"/api/meetings/{result.Record!.Meeting.MeetingId}", deps.Views().Staff(result.Record)),
            MeetingChangeKind.Duplicate when result.Record is not null => TypedResults.Ok(deps.Views().Staff(result.Record)),
            _ => TypedResults.Problem(result.Refusal ?? "The meeting could not be scheduled; try again.", statusCode: 400, title: "Invalid meeting"),
        };
    }

    private static async Task<IResult> List(string? committee, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        var unitId = string.IsNullOrWhiteSpace(committee) ? staff.UnitId : committee;
        if (deps.Town.Context.Directory.FindUnit(unitId) is not { Kind: UnitKind.VillageCommittee })
        {
            return ApiResults.Invalid("committee", "The id of a village or residents' committee is required.");
        }

        if (!MeetingAccess.CanManage(staff, unitId))
        {
            return ApiResults.Forbidden("You may list your own committee's meetings only.");
        }

        var records = await deps.Store.ListCommitteeAsync(unitId, ct);
        var views = deps.Views();
        return TypedResults.Ok(new CommitteeMeetings(
            new NamedRef(unitId, deps.Town.Context.Directory.GetUnit(unitId).Name),
            records.Where(r => r.Meeting.Status == MeetingStatus.Scheduled).OrderBy(r => r.Meeting.StartsAt).Select(views.Summary).ToList(),
            records.Where(r => r.Meeting.Status != MeetingStatus.Scheduled).OrderByDescending(r => r.Meeting.StartsAt).Select(views.Summary).ToList()));
    }

    private static async Task<IResult> Get(string meetingId, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        var (record, problem) = await Authorise(meetingId, http, deps, ct);
        return problem ?? TypedResults.Ok(deps.Views().Staff(record!));
    }

    /// <summary>Every case of the committee waiting in deliberation with no meeting goes on the agenda (deferred and reopened ones too).</summary>
    private static async Task<IResult> BuildAgenda(string meetingId, HttpContext http, MeetingDeps deps, CaseProjections projections, ICaseRuntime runtime, CancellationToken ct)
    {
        var (record, problem) = await Authorise(meetingId, http, deps, ct);
        if (problem is not null)
        {
            return problem;
        }

        var committee = record!.Meeting.CommitteeId;
        var waiting = new List<CaseState>();
        string? continuation = null;
        do
        {
            var (items, next) = await projections.ListUnitAsync(committee, CaseStatus.InDeliberation, 200, continuation, ct);
            foreach (var summary in items)
            {
                // The list may lag the case: decide on the case itself.
                if (await runtime.Store.GetStateAsync(summary.CaseId, ct) is { State: { Status: CaseStatus.InDeliberation } state } && state.Committee == committee)
                {
                    waiting.Add(state);
                }
            }

            continuation = next;
        }
        while (continuation is not null && waiting.Count < MeetingLimits.MaxItems * 5);

        var directory = deps.Town.Context.Directory;
        IReadOnlyList<(string CaseId, string Reason)> skipped = [];
        var before = new HashSet<string>(StringComparer.Ordinal);
        var result = await deps.Store.ChangeAsync(
            meetingId,
            m =>
            {
                before = m.Items.Where(i => i.CaseId is not null).Select(i => i.CaseId!).ToHashSet(StringComparer.Ordinal);
                var (built, notAdded) = m.BuildAgenda(waiting.OrderBy(s => s.ReceivedAt), s => TitleOf(directory, s), deps.Time.GetUtcNow());
                skipped = notAdded;
                return built;
            },
            RequestKey(http, "build"),
            deps.Time.GetUtcNow(),
            ct);
        if (result.Record is null || result.Kind is MeetingChangeKind.NotFound or MeetingChangeKind.Refused)
        {
            return await Answer(result, deps, ct);
        }

        var delivered = await deps.Outbox.DeliverAsync(result.Record, ct);
        var added = result.Kind == MeetingChangeKind.Applied
            ? delivered.Meeting.Items.Where(i => i.CaseId is not null && !before.Contains(i.CaseId)).Select(i => i.CaseId!).ToList()
            : [];
        return TypedResults.Ok(new AgendaBuildResult(deps.Views().Staff(delivered), added, skipped.Select(s => new SkippedCase(s.CaseId, s.Reason)).ToList()));
    }

    private static async Task<IResult> AddItem(string meetingId, AgendaItemRequest body, HttpContext http, MeetingDeps deps, ICaseRuntime runtime, CancellationToken ct)
    {
        if (Item(body) is { } invalid)
        {
            return await invalid;
        }

        if (body.CaseId is null)
        {
            return await Change(meetingId, http, deps, "item", (m, now) => m.AddManualItem(body.Title!, body.Text, now), ct);
        }

        if ((await Authorise(meetingId, http, deps, ct)).Problem is { } problem)
        {
            return problem;
        }

        if (await runtime.Store.GetStateAsync(body.CaseId, ct) is not { State: var state })
        {
            return ApiResults.NotFound($"No case {body.CaseId}.");
        }

        var title = string.IsNullOrWhiteSpace(body.Title) ? TitleOf(deps.Town.Context.Directory, state) : body.Title.Trim();
        return await Apply(meetingId, http, deps, "item", (m, now) => m.AddCase(state, title, now), ct);
    }

    private static async Task<IResult> Vote(string meetingId, string itemId, VoteRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        var errors = MeetingValidation.Vote(body, deps.Town.Context.Directory, out var outcome, out var votes);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await Change(
            meetingId,
            http,
            deps,
            "vote",
            (m, now) => outcome == DeliberationOutcome.Deferred
                ? m.Defer(itemId, body.Resolution, now)
                : m.RecordVote(itemId, votes!, outcome, body.Resolution!, body.ResponsibleUnit, now),
            ct);
    }

    private static async Task<IResult> Step(string meetingId, string itemId, StepRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        var errors = MeetingValidation.Step(body, deps.Town.Zone, out var step, out var at);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await Change(meetingId, http, deps, "step", (m, now) => m.RecordStep(itemId, step, at, body.Note, now), ct);
    }

    /// <summary>Sends the agenda in advance (<see cref="MeetingAgenda"/>) and records that it went.</summary>
    private static async Task<IResult> Notify(string meetingId, HttpContext http, MeetingDeps deps, IStaffNotifier notifier, SendOnceLog sendOnce, CancellationToken ct)
    {
        var (record, problem) = await Authorise(meetingId, http, deps, ct);
        if (problem is not null)
        {
            return problem;
        }

        var meeting = record!.Meeting;
        if (meeting.Status is MeetingStatus.Cancelled or MeetingStatus.Closed)
        {
            return MeetingConflict($"The meeting is {meeting.Status.ToString().ToLowerInvariant()}: there is no agenda to send.");
        }

        if (meeting.Items.Count == 0)
        {
            return MeetingConflict("The agenda is empty: build it or add items first.");
        }

        var recipients = await MeetingAgenda.SendAsync(meeting, deps.Town.Context.Directory, deps.Town.Zone, notifier, sendOnce, ct);
        var result = await deps.Store.ChangeAsync(meetingId, m => m.AgendaSent(deps.Time.GetUtcNow()), null, deps.Time.GetUtcNow(), ct);
        return result.Record is { } sent
            ? TypedResults.Ok(new AgendaNotice(deps.Views().Staff(sent), recipients))
            : await Answer(result, deps, ct);
    }

    /// <summary>Applies a change for a staff member who may run the meeting.</summary>
    private static async Task<IResult> Change(string meetingId, HttpContext http, MeetingDeps deps, string action, Func<Meeting, DateTimeOffset, MeetingResult> change, CancellationToken ct) =>
        (await Authorise(meetingId, http, deps, ct)).Problem ?? await Apply(meetingId, http, deps, action, change, ct);

    /// <summary>Applies a change already authorised; a retried request (same Idempotency-Key) is applied once.</summary>
    private static async Task<IResult> Apply(string meetingId, HttpContext http, MeetingDeps deps, string action, Func<Meeting, DateTimeOffset, MeetingResult> change, CancellationToken ct)
    {
        var now = deps.Time.GetUtcNow();
        var result = await deps.Store.ChangeAsync(meetingId, m => change(m, now), RequestKey(http, action), now, ct);
        return await Answer(result, deps, ct);
    }

    private static async Task<IResult> Answer(MeetingChange result, MeetingDeps deps, CancellationToken ct)
    {
        switch (result.Kind)
        {
            case MeetingChangeKind.NotFound:
                return ApiResults.NotFound(result.Refusal ?? "No such meeting.");
            case MeetingChangeKind.Refused:
                return MeetingConflict(result.Refusal ?? "Not possible now.");
            default:
                var delivered = await deps.Outbox.DeliverAsync(result.Record!, ct);
                return TypedResults.Ok(deps.Views().Staff(delivered));
        }
    }

    /// <summary>The meeting, for a staff member who may run it; otherwise the answer to give (and no meeting).</summary>
    private static async Task<(MeetingRecord? Record, IResult? Problem)> Authorise(string meetingId, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return (null, ApiResults.Unauthenticated());
        }

        if (await deps.Store.GetAsync(meetingId, ct) is not { } loaded)
        {
            return (null, ApiResults.NotFound($"No meeting {meetingId}."));
        }

        return MeetingAccess.CanManage(staff, loaded.Record.Meeting.CommitteeId)
            ? (loaded.Record, null)
            : (null, ApiResults.Forbidden("The meeting belongs to another committee."));
    }

    private static ProblemHttpResult MeetingConflict(string detail) =>
        TypedResults.Problem(detail, statusCode: 409, title: "Not possible in the meeting's current state");

    private static string TitleOf(TownDirectory directory, CaseState state) =>
        state.Category is { } category ? directory.FindCategory(category)?.Name ?? category : "居民诉求";

    /// <summary>The client's Idempotency-Key scoped to the action, so a retried request is applied once.</summary>
    private static string? RequestKey(HttpContext http, string action) =>
        http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? $"{action}:{key.Trim()}" : null;
}
