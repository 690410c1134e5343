using System.Globalization;
using System.Text.RegularExpressions;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Workflow;

namespace Deliberation.Api.Apis;

/// <summary>The meeting requests checked at the edge: each field's problem under its name, for a ValidationProblem.</summary>
internal static partial class MeetingValidation
{
    private const int MaxId = 64;

    public static Dictionary<string, string[]> Schedule(ScheduleMeetingRequest body, TownDirectory directory, DateTimeOffset now, out MeetingType type, out DateTimeOffset startsAt)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.Committee) || directory.FindUnit(body.Committee) is not { Kind: UnitKind.VillageCommittee })
        {
            errors["committee"] = ["The id of a village or residents' committee (村委会/居委会) is required."];
        }

        if (!LabelledEnum.TryParse(body.Type, Enum.GetValues<MeetingType>(), t => t.Chinese(), out type))
        {
            errors["type"] = [$"One of {string.Join(", ", Enum.GetNames<MeetingType>())} (or 村民代表会议, 居民议事会, 听证会, 协商议事会)."];
        }

        if (!TryParseInstant(body.StartsAt, out startsAt))
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

        return errors;
    }

    public static Dictionary<string, string[]> Vote(VoteRequest body, TownDirectory directory, out DeliberationOutcome? outcome, out VoteTally? votes)
    {
        var errors = new Dictionary<string, string[]>();
        outcome = null;
        if (body.Outcome is not null)
        {
            if (LabelledEnum.TryParse(body.Outcome, Enum.GetValues<DeliberationOutcome>(), chinese: null, out var parsed))
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
        votes = null;
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

        if (body.ResponsibleUnit is not null && directory.FindUnit(body.ResponsibleUnit) is not { Kind: not UnitKind.DispatchCentre })
        {
            errors["responsibleUnit"] = [$"No unit {body.ResponsibleUnit} that can carry out a decision (a service point, committee or department)."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Step(StepRequest body, TimeZoneInfo zone, out DeliberationStep step, out DateTimeOffset at)
    {
        var errors = new Dictionary<string, string[]>();
        if (!LabelledEnum.TryParse(body.Step, [DeliberationStep.Proposed, DeliberationStep.Discussed, DeliberationStep.Reviewed], s => s.Chinese(), out step))
        {
            errors["step"] = ["One of Proposed (党支部提议), Discussed (两委商议), Reviewed (党员大会审议); Decided is recorded by the vote."];
        }

        if (!TryParseInstant(body.Date, out at) && !TryParseDate(body.Date, zone, out at))
        {
            errors["date"] = ["A date (yyyy-MM-dd) or an ISO 8601 date and time with its offset."];
        }

        AddLengthError(errors, "note", body.Note, MeetingLimits.MaxNote);
        return errors;
    }

    /// <summary>The problem with a case or agenda item request, or null.</summary>
    public static Task<IResult>? Item(AgendaItemRequest body) =>
        body.CaseId is null
            ? Required(body.Title, "title", MeetingLimits.MaxTitle) ?? Length(body.Text, "text", MeetingLimits.MaxText)
            : !IsId(body.CaseId) ? Invalid("caseId", "Not a case id.")
            : body.Text is not null ? Invalid("text", "A case item carries the case's own text; give a title at most.")
            : Length(body.Title, "title", MeetingLimits.MaxTitle);

    public static Task<IResult>? Attendance(AttendanceRequest body) =>
        body.Present is null ? Invalid("present", "List the ids of the members present.")
        : body.Present.Any(id => !IsId(id)) ? Invalid("present", "Member ids are letters, digits, '-' or '_' (at most 64).")
        : null;

    public static Task<IResult>? Required(string? value, string field, int max) =>
        string.IsNullOrWhiteSpace(value) ? Invalid(field, $"'{field}' is required.") : Length(value, field, max);

    public static Task<IResult>? Length(string? value, string field, int max) =>
        value is { Length: var length } && length > max ? Invalid(field, $"At most {max} characters.") : null;

    private static Task<IResult>? Invalid(string field, string message) => Task.FromResult<IResult>(ApiResults.Invalid(field, message));

    private static bool IsId(string? id) =>
        id is { Length: > 0 and <= MaxId } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

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

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantPattern();
}
