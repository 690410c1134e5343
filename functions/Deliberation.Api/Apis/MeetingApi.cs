using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Meetings;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Projections;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

public sealed record ChairRequest(string? Name, string? Role);

public sealed record MemberRequest(string? Id, string? Name);

/// <summary>Calls a meeting. <c>StartsAt</c> is ISO 8601 with its offset, e.g. <c>2026-12-01T19:00:00+08:00</c>.</summary>
public sealed record ScheduleMeetingRequest(string? Committee, string? Type, string? StartsAt, string? Place, ChairRequest? Chair, IReadOnlyList<MemberRequest>? Members);

/// <summary>A referred case (<c>CaseId</c>, optionally titled) or a manual item (<c>Title</c> and <c>Text</c>).</summary>
public sealed record AgendaItemRequest(string? CaseId, string? Title, string? Text);

public sealed record AttendanceRequest(IReadOnlyList<string>? Present);

/// <summary>
/// The vote on an item: counted (<c>For</c>, <c>Against</c>, <c>Abstain</c>) or named (<c>ForMembers</c> …), with the
/// resolution. <c>Outcome</c> may be stated (it must agree with the tally) or is derived; <c>Deferred</c> takes no votes.
/// </summary>
public sealed record VoteRequest(
    string? Outcome,
    int? For,
    int? Against,
    int? Abstain,
    IReadOnlyList<string>? ForMembers,
    IReadOnlyList<string>? AgainstMembers,
    IReadOnlyList<string>? AbstainMembers,
    string? Resolution,
    string? ResponsibleUnit);

/// <summary>One of 提议/商议/审议 (Proposed, Discussed, Reviewed); <c>Date</c> is <c>yyyy-MM-dd</c> or ISO 8601 with offset.</summary>
public sealed record StepRequest(string? Step, string? Date, string? Note);

public sealed record MinutesRequest(string? Minutes);

public sealed record AgendaNotice(MeetingView Meeting, IReadOnlyList<string> Recipients);

/// <summary>
/// The staff API of committee meetings (议事会): schedule, build the agenda from referred cases, send it, record
/// attendance, votes, 四议 steps and minutes, cancel. A committee's officers, the dispatch centre and admins may.
/// </summary>
public static partial class MeetingApi
{
    private const int MaxId = 64;

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
            (body.Present is null ? Invalid("present", "List the ids of the members present.")
                : body.Present.Any(id => !IsId(id)) ? Invalid("present", "Member ids are letters, digits, '-' or '_' (at most 64).")
                : null)
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
        var errors = new Dictionary<string, string[]>();
        var directory = deps.Town.Context.Directory;
        if (string.IsNullOrWhiteSpace(body.Committee) || directory.FindUnit(body.Committee) is not { Kind: UnitKind.VillageCommittee })
        {
            errors["committee"] = ["The id of a village or residents' committee (村委会/居委会) is required."];
        }

        if (!TryParseType(body.Type, out var type))
        {
            errors["type"] = [$"One of {string.Join(", ", Enum.GetNames<MeetingType>())} (or 村民代表会议, 居民议事会, 听证会, 协商议事会)."];
        }

        if (!TryParseInstant(body.StartsAt, out var startsAt))
        {
            errors["startsAt"] = ["An ISO 8601 date and time with its offset is required, e.g. 2026-12-01T19:00:00+08:00."];
        }
        else if (startsAt <= now)
        {
            errors["startsAt"] = ["A meeting can only be scheduled in the future."];
        }

        AddTextError(errors, "place", body.Place, MeetingLimits.MaxPlace);
        AddTextError(errors, "chair.name", body.Chair?.Name, MeetingLimits.MaxName);
        AddTextError(errors, "chair.role", body.Chair?.Role, MeetingLimits.MaxName);
        if (body.Members is not { Count: > 0 } members || members.Count > MeetingLimits.MaxMembers)
        {
            errors["members"] = [$"Between 1 and {MeetingLimits.MaxMembers} members, each with an id and a name."];
        }
        else if (members.Any(m => m is null || !IsId(m.Id) || string.IsNullOrWhiteSpace(m.Name) || m.Name.Length > MeetingLimits.MaxName))
        {
            errors["members"] = [$"Every member needs an id (letters, digits, '-' or '_') and a name of at most {MeetingLimits.MaxName} characters."];
        }
        else if (members.GroupBy(m => m.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors["members"] = [$"Member {twice.Key} is listed more than once."];
        }

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
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (await deps.Store.GetAsync(meetingId, ct) is not { } loaded)
        {
            return ApiResults.NotFound($"No meeting {meetingId}.");
        }

        return MeetingAccess.CanManage(staff, loaded.Record.Meeting.CommitteeId)
            ? TypedResults.Ok(deps.Views().Staff(loaded.Record))
            : ApiResults.Forbidden("The meeting belongs to another committee.");
    }

    /// <summary>Every case of the committee waiting in deliberation with no meeting goes on the agenda (deferred and reopened ones too).</summary>
    private static async Task<IResult> BuildAgenda(string meetingId, HttpContext http, MeetingDeps deps, CaseProjections projections, ICaseRuntime runtime, CancellationToken ct)
    {
        if (await Authorise(meetingId, http, deps, ct) is { } problem)
        {
            return problem;
        }

        var committee = (await deps.Store.GetAsync(meetingId, ct))!.Value.Record.Meeting.CommitteeId;
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
        var invalid = body.CaseId is null
            ? Required(body.Title, "title", MeetingLimits.MaxTitle) ?? Length(body.Text, "text", MeetingLimits.MaxText)
            : !IsId(body.CaseId) ? Invalid("caseId", "Not a case id.")
            : body.Text is not null ? Invalid("text", "A case item carries the case's own text; give a title at most.")
            : Length(body.Title, "title", MeetingLimits.MaxTitle);
        if (invalid is not null)
        {
            return await invalid;
        }

        if (body.CaseId is null)
        {
            return await Change(meetingId, http, deps, "item", (m, now) => m.AddManualItem(body.Title!, body.Text, now), ct);
        }

        if (await Authorise(meetingId, http, deps, ct) is { } problem)
        {
            return problem;
        }

        if (await runtime.Store.GetStateAsync(body.CaseId, ct) is not { State: var state })
        {
            return ApiResults.NotFound($"No case {body.CaseId}.");
        }

        var title = string.IsNullOrWhiteSpace(body.Title) ? TitleOf(deps.Town.Context.Directory, state) : body.Title.Trim();
        return await Change(meetingId, http, deps, "item", (m, now) => m.AddCase(state, title, now), ct);
    }

    private static async Task<IResult> Vote(string meetingId, string itemId, VoteRequest body, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        DeliberationOutcome? outcome = null;
        if (body.Outcome is not null)
        {
            if (Enum.TryParse<DeliberationOutcome>(body.Outcome, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                outcome = parsed;
            }
            else
            {
                errors["outcome"] = ["One of Adopted, Rejected, Deferred (or leave it out to take it from the tally)."];
            }
        }

        var counted = body.For is not null || body.Against is not null || body.Abstain is not null;
        var named = body.ForMembers is not null || body.AgainstMembers is not null || body.AbstainMembers is not null;
        VoteTally? votes = null;
        if (outcome == DeliberationOutcome.Deferred)
        {
            if (counted || named)
            {
                errors["votes"] = ["A deferred item carries no vote."];
            }

            AddLengthError(errors, "resolution", body.Resolution, MeetingLimits.MaxResolution);
        }
        else
        {
            if (counted == named)
            {
                errors["votes"] = ["Give the votes either counted (for, against, abstain) or named (forMembers, againstMembers, abstainMembers)."];
            }
            else if (counted && (body.For < 0 || body.Against < 0 || body.Abstain < 0))
            {
                errors["votes"] = ["Vote counts cannot be negative."];
            }
            else if (named && new[] { body.ForMembers, body.AgainstMembers, body.AbstainMembers }.Any(list => list?.Any(id => !IsId(id)) == true))
            {
                errors["votes"] = ["Member ids are letters, digits, '-' or '_' (at most 64)."];
            }
            else
            {
                votes = counted
                    ? VoteTally.Counted(body.For ?? 0, body.Against ?? 0, body.Abstain ?? 0)
                    : VoteTally.Named(body.ForMembers ?? [], body.AgainstMembers ?? [], body.AbstainMembers ?? []);
            }

            AddTextError(errors, "resolution", body.Resolution, MeetingLimits.MaxResolution);
        }

        if (body.ResponsibleUnit is not null && deps.Town.Context.Directory.FindUnit(body.ResponsibleUnit) is not { Kind: not UnitKind.DispatchCentre })
        {
            errors["responsibleUnit"] = [$"No unit {body.ResponsibleUnit} that can carry out a decision (a service point, committee or department)."];
        }

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
        var errors = new Dictionary<string, string[]>();
        if (!TryParseStep(body.Step, out var step))
        {
            errors["step"] = ["One of Proposed (党支部提议), Discussed (两委商议), Reviewed (党员大会审议); Decided is recorded by the vote."];
        }

        DateTimeOffset at = default;
        if (!TryParseInstant(body.Date, out at) && !TryParseDate(body.Date, deps.Town.Zone, out at))
        {
            errors["date"] = ["A date (yyyy-MM-dd) or an ISO 8601 date and time with its offset."];
        }

        AddLengthError(errors, "note", body.Note, MeetingLimits.MaxNote);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return await Change(meetingId, http, deps, "step", (m, now) => m.RecordStep(itemId, step, at, body.Note, now), ct);
    }

    /// <summary>
    /// Sends the agenda in advance to the meeting's members and the representatives of the village. The reporters of
    /// its cases were told by their cases when the cases went on the agenda.
    /// </summary>
    private static async Task<IResult> Notify(string meetingId, HttpContext http, MeetingDeps deps, IStaffNotifier notifier, SendOnceLog sendOnce, CancellationToken ct)
    {
        if (await Authorise(meetingId, http, deps, ct) is { } problem)
        {
            return problem;
        }

        var meeting = (await deps.Store.GetAsync(meetingId, ct))!.Value.Record.Meeting;
        if (meeting.Status is MeetingStatus.Cancelled or MeetingStatus.Closed)
        {
            return MeetingConflict($"The meeting is {meeting.Status.ToString().ToLowerInvariant()}: there is no agenda to send.");
        }

        if (meeting.Items.Count == 0)
        {
            return MeetingConflict("The agenda is empty: build it or add items first.");
        }

        var directory = deps.Town.Context.Directory;
        var text = AgendaText(meeting, directory, deps.Town.Zone);

        // One id per agenda and recipient: sending again changes nothing unless the agenda changed.
        var agenda = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        var recipients = meeting.Members.Select(m => (To: $"member:{m.Id}", Audience: Audience.Unit))
            .Concat(directory.RepresentativesOf(meeting.CommitteeId).Select(r => (To: $"rep:{r.Id}", Audience: Audience.Followers)))
            .ToList();
        foreach (var (to, audience) in recipients)
        {
            var id = $"meeting-{meeting.MeetingId}-agenda-{agenda}-{to.Replace(':', '-')}";
            var message = new OutboundText(id, meeting.MeetingId, Channel.Sms, to, text, audience, "meeting-agenda", meeting.CommitteeId);
            await sendOnce.SendOnceAsync(meeting.MeetingId, id, () => notifier.SendAsync(message, ct), ct);
        }

        var result = await deps.Store.ChangeAsync(meetingId, m => m.AgendaSent(deps.Time.GetUtcNow()), null, deps.Time.GetUtcNow(), ct);
        return result.Record is { } record
            ? TypedResults.Ok(new AgendaNotice(deps.Views().Staff(record), recipients.Select(r => r.To).ToList()))
            : await Answer(result, deps, ct);
    }

    private static string AgendaText(Meeting meeting, TownDirectory directory, TimeZoneInfo zone)
    {
        var at = TimeZoneInfo.ConvertTime(meeting.StartsAt, zone);
        var items = string.Join("；", meeting.Items.Select((item, n) => item.CaseId is { } caseId ? $"{n + 1}. {item.Title}（案件{caseId}）" : $"{n + 1}. {item.Title}"));
        return $"【{directory.TownName}】{directory.FindUnit(meeting.CommitteeId)?.Name}定于{at:M月d日 HH:mm}在{meeting.Place}召开{meeting.Type.Chinese()}。议程：{items}。";
    }

    private static async Task<IResult> Change(string meetingId, HttpContext http, MeetingDeps deps, string action, Func<Meeting, DateTimeOffset, MeetingResult> change, CancellationToken ct)
    {
        if (await Authorise(meetingId, http, deps, ct) is { } problem)
        {
            return problem;
        }

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

    /// <summary>The staff member may run this meeting; otherwise the answer to give.</summary>
    private static async Task<IResult?> Authorise(string meetingId, HttpContext http, MeetingDeps deps, CancellationToken ct)
    {
        if (ApiResults.Staff(http) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (await deps.Store.GetAsync(meetingId, ct) is not { } loaded)
        {
            return ApiResults.NotFound($"No meeting {meetingId}.");
        }

        return MeetingAccess.CanManage(staff, loaded.Record.Meeting.CommitteeId)
            ? null
            : ApiResults.Forbidden("The meeting belongs to another committee.");
    }

    private static ProblemHttpResult MeetingConflict(string detail) =>
        TypedResults.Problem(detail, statusCode: 409, title: "Not possible in the meeting's current state");

    private static string TitleOf(TownDirectory directory, CaseState state) =>
        state.Category is { } category ? directory.FindCategory(category)?.Name ?? category : "居民诉求";

    /// <summary>The client's Idempotency-Key scoped to the action, so a retried request is applied once.</summary>
    private static string? RequestKey(HttpContext http, string action) =>
        http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key ? $"{action}:{key.Trim()}" : null;

    private static bool TryParseType(string? value, out MeetingType type)
    {
        foreach (var candidate in Enum.GetValues<MeetingType>())
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase) || value == candidate.Chinese())
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    private static bool TryParseStep(string? value, out DeliberationStep step)
    {
        foreach (var candidate in new[] { DeliberationStep.Proposed, DeliberationStep.Discussed, DeliberationStep.Reviewed })
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase) || value == candidate.Chinese())
            {
                step = candidate;
                return true;
            }
        }

        step = default;
        return false;
    }

    /// <summary>An instant with its offset stated; a bare local time is ambiguous and refused.</summary>
    private static bool TryParseInstant(string? value, out DateTimeOffset instant)
    {
        instant = default;
        return value is not null
            && InstantPattern().IsMatch(value)
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>A calendar date, taken as the start of that day in the town's zone.</summary>
    private static bool TryParseDate(string? value, TimeZoneInfo zone, out DateTimeOffset instant)
    {
        instant = default;
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return false;
        }

        var local = date.ToDateTime(TimeOnly.MinValue);
        instant = new DateTimeOffset(local, zone.GetUtcOffset(local));
        return true;
    }

    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= MaxId } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static void AddTextError(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"'{field}' is required."];
        }
        else
        {
            AddLengthError(errors, field, value, max);
        }
    }

    private static void AddLengthError(Dictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }

    private static Task<IResult>? Invalid(string field, string message) => Task.FromResult<IResult>(ApiResults.Invalid(field, message));

    private static Task<IResult>? Required(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? Invalid(field, $"'{field}' is required.") : Length(value, field, max);

    private static Task<IResult>? Length(string? value, string field, int max) =>
        value is { Length: var length } && length > max ? Invalid(field, $"At most {max} characters.") : null;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();
}

/// <summary>What the meeting endpoints share, injected as one.</summary>
public sealed class MeetingDeps(MeetingStore store, MeetingOutbox outbox, TownState town, TimeProvider time)
{
    public MeetingStore Store { get; } = store;

    public MeetingOutbox Outbox { get; } = outbox;

    public TownState Town { get; } = town;

    public TimeProvider Time { get; } = time;

    public MeetingViews Views() => new(Town.Context.Directory, Town.Zone);
}
