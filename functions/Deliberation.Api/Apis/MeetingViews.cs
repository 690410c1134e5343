using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Meetings;

namespace Deliberation.Api.Apis;

public sealed record MeetingMemberView(string Id, string Name, bool Present);

public sealed record StepView(DeliberationStep Step, string Name, DateTimeOffset? At, string? Note = null);

public sealed record VotesView(int For, int Against, int Abstain, bool Named, IReadOnlyList<string>? ForMembers, IReadOnlyList<string>? AgainstMembers, IReadOnlyList<string>? AbstainMembers);

/// <summary>A message to the item's case still waiting to be delivered (the sweep retries it).</summary>
public sealed record PendingCaseMessageView(string CaseId, string ItemId, string Message, DateTimeOffset Since);

public sealed record AgendaItemView(
    string ItemId,
    string Title,
    string? Text,
    string? CaseId,
    int Round,
    DateTimeOffset AddedAt,
    IReadOnlyList<StepView> Steps,
    VotesView? Votes,
    DeliberationOutcome? Outcome,
    string? Resolution,
    NamedRef? ResponsibleUnit,
    DateTimeOffset? DecidedAt,
    CaseRefusal? CaseRefusal);

/// <summary>A meeting as its committee's staff see it: members by name, votes by name, minutes, undelivered case messages.</summary>
public sealed record MeetingView(
    string MeetingId,
    NamedRef Committee,
    MeetingType Type,
    string TypeName,
    MeetingStatus Status,
    DateTimeOffset StartsAt,
    string Place,
    MeetingChair Chair,
    IReadOnlyList<MeetingMemberView> Members,
    int Present,
    int QuorumNeeded,
    bool QuorumReached,
    string Quorum,
    string Majority,
    IReadOnlyList<AgendaItemView> Items,
    DateTimeOffset? AgendaSentAt,
    DateTimeOffset? HeldAt,
    DateTimeOffset? ClosedAt,
    string? Minutes,
    string? CancelReason,
    DateTimeOffset ScheduledAt,
    int Version,
    IReadOnlyList<PendingCaseMessageView> PendingCaseMessages);

public sealed record MeetingSummary(
    string MeetingId,
    MeetingType Type,
    string TypeName,
    MeetingStatus Status,
    DateTimeOffset StartsAt,
    string Place,
    int Items,
    int Decided,
    int PendingCaseMessages,
    int CaseRefusals);

public sealed record CommitteeMeetings(NamedRef Committee, IReadOnlyList<MeetingSummary> Upcoming, IReadOnlyList<MeetingSummary> Past);

public sealed record AgendaBuildResult(MeetingView Meeting, IReadOnlyList<string> Added, IReadOnlyList<SkippedCase> Skipped);

public sealed record SkippedCase(string CaseId, string Reason);

public sealed record PublicVotes(int For, int Against, int Abstain);

/// <summary>The public review of a case item's decision (决议公开), from the case.</summary>
public sealed record PublicDecisionReview(DateTimeOffset ReviewEndsAt, int Objections, int ObjectionsToReopen, bool Reopened);

/// <summary>An item as the public sees it: redacted title and resolution, the tally without names, the steps with dates.</summary>
public sealed record PublicAgendaItem(
    string ItemId,
    string Title,
    string? CaseId,
    DeliberationOutcome? Outcome,
    string? OutcomeName,
    PublicVotes? Votes,
    string? Resolution,
    string? ResponsibleUnit,
    IReadOnlyList<StepView> Steps,
    PublicDecisionReview? Review);

/// <summary>A held meeting as the public sees it: counts and the chair's role, never a member's name.</summary>
public sealed record PublicMeetingView(
    string MeetingId,
    string Committee,
    MeetingType Type,
    string TypeName,
    DateTimeOffset StartsAt,
    string Place,
    string ChairRole,
    int Members,
    int Present,
    int QuorumNeeded,
    bool QuorumReached,
    string Quorum,
    string Majority,
    IReadOnlyList<PublicAgendaItem> Items);

public sealed record PublicMeetingSummary(
    string MeetingId,
    string Committee,
    MeetingType Type,
    string TypeName,
    DateTimeOffset StartsAt,
    string Place,
    int Members,
    int Present,
    bool QuorumReached,
    int Items,
    int Adopted,
    int Rejected,
    int Deferred);

/// <summary>What the public pages know of a case item: its decision's review and when its implementation was published.</summary>
public sealed record CaseItemFacts(MeetingDecision? Decision, DateTimeOffset? ResultPublishedAt, IReadOnlyList<string> ReporterNames);

/// <summary>Maps stored meetings to what staff and the public may see, in the town's time zone.</summary>
public sealed class MeetingViews(TownDirectory directory, TimeZoneInfo zone)
{
    private static readonly DeliberationStep[] AllSteps = Enum.GetValues<DeliberationStep>();

    public MeetingView Staff(MeetingRecord record)
    {
        var m = record.Meeting;
        var present = m.Present.ToHashSet(StringComparer.Ordinal);
        return new MeetingView(
            m.MeetingId,
            Unit(m.CommitteeId),
            m.Type,
            m.Type.Chinese(),
            m.Status,
            Local(m.StartsAt),
            m.Place,
            m.Chair,
            m.Members.Select(x => new MeetingMemberView(x.Id, x.Name, present.Contains(x.Id))).ToList(),
            m.Present.Count,
            m.QuorumNeeded,
            m.QuorumReached,
            m.Rule.Quorum.ToString(),
            m.Rule.Majority.ToString(),
            m.Items.Select(i => new AgendaItemView(
                i.ItemId,
                i.Title,
                i.Text,
                i.CaseId,
                i.Round,
                Local(i.AddedAt),
                i.Steps.Select(s => new StepView(s.Step, s.Step.Chinese(), Local(s.At), s.Note)).ToList(),
                i.Votes is { } v ? new VotesView(v.For, v.Against, v.Abstain, v.IsNamed, v.ForMembers, v.AgainstMembers, v.AbstainMembers) : null,
                i.Outcome,
                i.Resolution,
                i.ResponsibleUnit is { } unit ? Unit(unit) : null,
                Local(i.DecidedAt),
                i.Refusal is { } r ? r with { At = Local(r.At) } : null)).ToList(),
            Local(m.AgendaSentAt),
            Local(m.HeldAt),
            Local(m.ClosedAt),
            m.Minutes,
            m.CancelReason,
            Local(m.ScheduledAt),
            m.Version,
            record.Pending.Select(p => new PendingCaseMessageView(p.CaseId, p.ItemId, p.Message.GetType().Name, Local(p.QueuedAt))).ToList());
    }

    public MeetingSummary Summary(MeetingRecord record)
    {
        var m = record.Meeting;
        return new MeetingSummary(
            m.MeetingId,
            m.Type,
            m.Type.Chinese(),
            m.Status,
            Local(m.StartsAt),
            m.Place,
            m.Items.Count,
            m.Items.Count(i => i.IsDecided),
            record.Pending.Count,
            m.Items.Count(i => i.Refusal is not null));
    }

    public PublicMeetingSummary PublicSummary(Meeting m) => new(
        m.MeetingId,
        Unit(m.CommitteeId).Name,
        m.Type,
        m.Type.Chinese(),
        Local(m.StartsAt),
        Redactor.Redact(m.Place, KnownNames(m)),
        m.Members.Count,
        m.Present.Count,
        m.QuorumReached,
        m.Items.Count,
        m.Items.Count(i => i.Outcome == DeliberationOutcome.Adopted),
        m.Items.Count(i => i.Outcome == DeliberationOutcome.Rejected),
        m.Items.Count(i => i.Outcome == DeliberationOutcome.Deferred));

    /// <summary>
    /// The public page of a held meeting. Every staff-written text is redacted with the members' and chair's names
    /// (and, for a case item, the names its reporter wrote) as known names; <paramref name="cases"/> holds what the
    /// case items' cases say of their decisions.
    /// </summary>
    public PublicMeetingView Public(Meeting m, IReadOnlyDictionary<string, CaseItemFacts> cases)
    {
        var known = KnownNames(m);
        return new PublicMeetingView(
            m.MeetingId,
            Unit(m.CommitteeId).Name,
            m.Type,
            m.Type.Chinese(),
            Local(m.StartsAt),
            Redactor.Redact(m.Place, known),
            Redactor.Redact(m.Chair.Role, known),
            m.Members.Count,
            m.Present.Count,
            m.QuorumNeeded,
            m.QuorumReached,
            m.Rule.Quorum.ToString(),
            m.Rule.Majority.ToString(),
            m.Items.Select(i => PublicItem(m, i, i.CaseId is { } id ? cases.GetValueOrDefault(id) : null, known)).ToList());
    }

    private PublicAgendaItem PublicItem(Meeting m, AgendaItem item, CaseItemFacts? facts, IReadOnlyList<string> known)
    {
        var names = facts is null ? known : [.. known, .. facts.ReporterNames];
        var decision = facts?.Decision is { } d && d.MeetingId == m.MeetingId ? d : null;
        var steps = AllSteps.Select(step =>
        {
            var at = step == DeliberationStep.ResultPublished ? facts?.ResultPublishedAt : item.Step(step)?.At;
            return new StepView(step, step.Chinese(), Local(at));
        }).ToList();
        return new PublicAgendaItem(
            item.ItemId,
            Redactor.Redact(item.Title, names),
            item.CaseId,
            item.Outcome,
            item.Outcome?.Chinese(),
            item.Votes is { } v ? new PublicVotes(v.For, v.Against, v.Abstain) : null,
            item.Resolution is { } resolution ? Redactor.Redact(resolution, names) : null,
            item.ResponsibleUnit is { } unit ? Unit(unit).Name : null,
            steps,
            decision is null ? null : new PublicDecisionReview(Local(decision.ReviewEndsAt), decision.Objections, decision.ObjectionsToReopen, decision.Reopened));
    }

    private static IReadOnlyList<string> KnownNames(Meeting m) => [.. m.Members.Select(x => x.Name), m.Chair.Name];

    private NamedRef Unit(string id) => new(id, directory.FindUnit(id)?.Name ?? id);

    private DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    private DateTimeOffset? Local(DateTimeOffset? at) => at is { } value ? Local(value) : null;
}
