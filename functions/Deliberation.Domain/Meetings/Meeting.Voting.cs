using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Meetings;

public sealed partial record Meeting
{
    /// <summary>
    /// Records who is present; the meeting is then held. Attendance may be corrected (latecomers) until the
    /// first vote, since votes and the majority are counted against it.
    /// </summary>
    public MeetingResult RecordAttendance(IReadOnlyList<string> present, DateTimeOffset now)
    {
        if (Closed() is { } closed)
        {
            return MeetingResult.Refuse(closed);
        }

        if (now < StartsAt)
        {
            return MeetingResult.Refuse($"The meeting starts at {StartsAt:yyyy-MM-dd HH:mm zzz}; attendance is recorded once it has begun.");
        }

        if (Items.Any(i => i.Votes is not null))
        {
            return MeetingResult.Refuse("Votes have been recorded against this attendance; it can no longer change.");
        }

        if (present.FirstOrDefault(id => MemberName(id) is null) is { } stranger)
        {
            return MeetingResult.Refuse($"{stranger} is not a member of this meeting.");
        }

        if (present.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return MeetingResult.Refuse($"Member {twice.Key} is listed as present more than once.");
        }

        return MeetingResult.Ok(Next() with { Status = MeetingStatus.Held, Present = present.ToList(), HeldAt = now });
    }

    /// <summary>
    /// Records one of the first three 四议 steps (提议, 商议, 审议) against an undecided item. Steps come in order:
    /// each needs the ones before it, and none is dated before the one it follows or in the future.
    /// </summary>
    public MeetingResult RecordStep(string itemId, DeliberationStep step, DateTimeOffset at, string? note, DateTimeOffset now)
    {
        if (step is not (DeliberationStep.Proposed or DeliberationStep.Discussed or DeliberationStep.Reviewed))
        {
            return MeetingResult.Refuse($"{step} is recorded by the meeting itself, not by hand; record Proposed, Discussed or Reviewed.");
        }

        if (Closed() is { } closed)
        {
            return MeetingResult.Refuse(closed);
        }

        if (Item(itemId) is not { } item)
        {
            return MeetingResult.Refuse($"Meeting {MeetingId} has no item {itemId}.");
        }

        if (item.IsDecided)
        {
            return MeetingResult.Refuse($"Item {itemId} is decided; its steps are on the record.");
        }

        if (at > now)
        {
            return MeetingResult.Refuse("A step cannot be dated in the future.");
        }

        for (var earlier = DeliberationStep.Proposed; earlier < step; earlier++)
        {
            if (item.Step(earlier) is not { } before)
            {
                return MeetingResult.Refuse($"{step.Chinese()} ({step}) follows {earlier.Chinese()} ({earlier}), which is not recorded yet.");
            }

            if (before.At > at)
            {
                return MeetingResult.Refuse($"{step} cannot be dated before {earlier} ({before.At:yyyy-MM-dd}).");
            }
        }

        if (item.Steps.FirstOrDefault(s => s.Step > step) is { } later && later.At < at)
        {
            return MeetingResult.Refuse($"{step} cannot be dated after {later.Step} ({later.At:yyyy-MM-dd}).");
        }

        var changed = item.WithStep(new StepRecord(step, at, string.IsNullOrWhiteSpace(note) ? null : note.Trim()));
        return MeetingResult.Ok(Next() with { Items = Items.Select(i => i.ItemId == itemId ? changed : i).ToList() });
    }

    /// <summary>
    /// Records the vote on an item (村民代表会议决议). It needs the quorum; the item is adopted when more than the
    /// majority share of those present vote for it, and rejected otherwise (a tie is not adopted). A stated
    /// outcome must agree with the tally. An adopted item is carried out by <paramref name="responsibleUnit"/>,
    /// the committee when none is named.
    /// </summary>
    public MeetingResult RecordVote(string itemId, VoteTally votes, DeliberationOutcome? stated, string resolution, string? responsibleUnit, DateTimeOffset now)
    {
        if (Decidable(itemId) is { Refusal: { } notDecidable })
        {
            return MeetingResult.Refuse(notDecidable);
        }

        var item = Item(itemId)!;
        if (!QuorumReached)
        {
            return MeetingResult.Refuse(
                $"No quorum: {Present.Count} of {Members.Count} members are present; a {Type} needs at least {QuorumNeeded} ({Rule.Quorum}) to vote.");
        }

        if (votes.Problem(Present) is { } problem)
        {
            return MeetingResult.Refuse(problem);
        }

        if (stated == DeliberationOutcome.Deferred)
        {
            return MeetingResult.Refuse("A deferred item carries no vote; defer it without votes.");
        }

        var needed = MoreThan(Rule.Majority, Present.Count);
        var outcome = Rule.Majority.IsExceededBy(votes.For, Present.Count) ? DeliberationOutcome.Adopted : DeliberationOutcome.Rejected;
        if (stated is { } claimed && claimed != outcome)
        {
            return MeetingResult.Refuse(
                $"The tally does not support '{claimed}': {votes.For} for of {Present.Count} present, and adoption needs more than {Rule.Majority} of those present ({needed}).");
        }

        if (string.IsNullOrWhiteSpace(resolution))
        {
            return MeetingResult.Refuse("A decided item needs its resolution text.");
        }

        if (outcome == DeliberationOutcome.Rejected && responsibleUnit is not null && responsibleUnit != CommitteeId)
        {
            return MeetingResult.Refuse("Only an adopted item has a unit to carry it out.");
        }

        var unit = outcome == DeliberationOutcome.Adopted ? responsibleUnit ?? CommitteeId : null;
        var text = resolution.Trim();
        var decided = item.WithStep(new StepRecord(DeliberationStep.Decided, now)) with
        {
            Votes = votes,
            Outcome = outcome,
            Resolution = text,
            ResponsibleUnit = unit,
            DecidedAt = now,
        };

        // A manual item has no case to publish it: the meeting's public page is its 决议公开, at once.
        if (decided.CaseId is null)
        {
            decided = decided.WithStep(new StepRecord(DeliberationStep.DecisionPublished, now));
        }

        var tally = votes.Describe(Members.Count, Present.Count);
        IReadOnlyList<CaseNotice> notices = decided.CaseId is { } caseId
            ? [new CaseNotice(caseId, itemId, new DeliberationDecided(MessageId(itemId, "decided"), now, MeetingId, outcome, ForTheCase(text), unit, tally))]
            : [];
        return MeetingResult.Ok(Next() with { Items = Items.Select(i => i.ItemId == itemId ? decided : i).ToList() }, notices);
    }

    /// <summary>
    /// 暂缓: the meeting puts the item off to its next meeting. No vote and no quorum are needed (a meeting
    /// without quorum defers what it cannot decide); the case waits for the next agenda.
    /// </summary>
    public MeetingResult Defer(string itemId, string? reason, DateTimeOffset now)
    {
        if (Decidable(itemId) is { Refusal: { } notDecidable })
        {
            return MeetingResult.Refuse(notDecidable);
        }

        var (item, notice) = Deferred(Item(itemId)!, string.IsNullOrWhiteSpace(reason) ? "暂缓，下次会议再议" : reason.Trim(), now);
        return MeetingResult.Ok(Next() with { Items = Items.Select(i => i.ItemId == itemId ? item : i).ToList() }, notice is null ? [] : [notice]);
    }

    /// <summary>The item put off to the next meeting with <paramref name="text"/>, and for a case item the message that tells its case.</summary>
    private (AgendaItem Item, CaseNotice? Notice) Deferred(AgendaItem item, string text, DateTimeOffset now) =>
        (item with { Outcome = DeliberationOutcome.Deferred, Resolution = text, DecidedAt = now },
         item.CaseId is { } caseId
            ? new CaseNotice(caseId, item.ItemId, new DeliberationDecided(MessageId(item.ItemId, "decided"), now, MeetingId, DeliberationOutcome.Deferred, ForTheCase(text)))
            : null);

    /// <summary>
    /// The resolution as the case carries it: it is texted to the reporters and published with the case, so the
    /// names of the meeting's people (and any other personal data) are taken out; the meeting keeps the full text.
    /// </summary>
    private string ForTheCase(string resolution) =>
        Privacy.Redactor.Redact(resolution, [.. Members.Select(m => m.Name), Chair.Name]);

    /// <summary>Records (or corrects) the minutes of a held meeting, also after it closed (minutes are often written up after).</summary>
    public MeetingResult RecordMinutes(string minutes, DateTimeOffset now)
    {
        if (Status is not (MeetingStatus.Held or MeetingStatus.Closed))
        {
            return MeetingResult.Refuse("Minutes are recorded for a meeting that was held (record attendance first).");
        }

        if (string.IsNullOrWhiteSpace(minutes))
        {
            return MeetingResult.Refuse("The minutes are empty.");
        }

        return MeetingResult.Ok(Next() with { Minutes = minutes.Trim(), MinutesAt = now });
    }

    /// <summary>The smallest count of <paramref name="total"/> that is more than <paramref name="share"/> of it.</summary>
    public static int MoreThan(Fraction share, int total) => (int)((long)total * share.Numerator / share.Denominator) + 1;

    private MeetingResult? Decidable(string itemId) =>
        Status != MeetingStatus.Held ? MeetingResult.Refuse(Status switch
        {
            MeetingStatus.Scheduled => "The meeting has not been held yet: record attendance first.",
            MeetingStatus.Closed => "The meeting is closed: what it did not decide was carried to the next meeting.",
            _ => "The meeting is cancelled.",
        })
        : Item(itemId) is not { } item ? MeetingResult.Refuse($"Meeting {MeetingId} has no item {itemId}.")
        : item.IsDecided ? MeetingResult.Refuse($"Item {itemId} is already decided ({item.Outcome}).")
        : null;
}
