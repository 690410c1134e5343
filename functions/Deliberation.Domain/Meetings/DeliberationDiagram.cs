using System.Globalization;
using System.Text;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Meetings;

/// <summary>Who records a 四议两公开 step against an agenda item.</summary>
public enum StepRecorder
{
    /// <summary>The committee's staff, by hand (<see cref="Meeting.RecordStep"/>).</summary>
    Staff,

    /// <summary>The meeting's vote (<see cref="Meeting.RecordVote"/>).</summary>
    Vote,

    /// <summary>The case, when it publishes the decision for review (a manual item: the vote, at once).</summary>
    DecisionPublished,

    /// <summary>The case, when the reply on carrying the decision out is published.</summary>
    ResultPublished,
}

/// <summary>A village committee's deliberation figures as the decider applies them.</summary>
/// <param name="OwnSupportRule">The committee sets its own <paramref name="SupportToRefer"/> (else the town policy's).</param>
/// <param name="OwnObjectionRule">The committee sets its own <paramref name="ObjectionsToReopen"/> (else the town policy's).</param>
/// <param name="Representatives">How many representatives have the committee's village in their constituency.</param>
public sealed record CommitteeFigures(Unit Committee, int SupportToRefer, bool OwnSupportRule, int ObjectionsToReopen, bool OwnObjectionRule, int Representatives);

/// <summary>One timer of deliberation, named by its <see cref="WorkflowPolicy"/> property.</summary>
public sealed record PolicyTimer(string Property, string Value, string Times, string WhenDue);

/// <summary>
/// Generates WorkflowDocs/deliberation.md: how a case comes before a committee's meeting, the meeting's rules, the public
/// review of its decision and what representatives do, drawn from <see cref="Transitions.All"/>, <see cref="MeetingLifecycle.All"/>,
/// the meeting enums and a town's directory and policy (the Domain reads no file: the caller passes them in).
/// DeliberationWorkflowDocsTests fails when the committed page differs from this output, and checks what it says against the code.
/// </summary>
public static class DeliberationDiagram
{
    /// <summary>The page's file name in WorkflowDocs.</summary>
    public const string FileName = "deliberation.md";

    /// <summary>Who records each 四议两公开 step, in order (cross-checked against <see cref="Meeting"/> by the tests).</summary>
    public static IReadOnlyList<(DeliberationStep Step, StepRecorder Recorder)> Steps { get; } =
    [
        (DeliberationStep.Proposed, StepRecorder.Staff),
        (DeliberationStep.Discussed, StepRecorder.Staff),
        (DeliberationStep.Reviewed, StepRecorder.Staff),
        (DeliberationStep.Decided, StepRecorder.Vote),
        (DeliberationStep.DecisionPublished, StepRecorder.DecisionPublished),
        (DeliberationStep.ResultPublished, StepRecorder.ResultPublished),
    ];

    /// <summary>The workflow notices followers get at once, and when (the <c>milestone</c> notice goes into the daily digest instead).</summary>
    public static IReadOnlyList<(string Template, string When)> ImmediateFollowerNotices { get; } =
    [
        (NotificationTemplates.CaseOverdue, "a followed case is escalated for being overdue (a case no meeting took up or decided in time included) or is overdue at the top tier"),
        (NotificationTemplates.ReportInMissed, "a department summoned to it misses its report-in"),
    ];

    /// <summary>Member counts of the worked quorum examples.</summary>
    public static IReadOnlyList<int> ExampleMembers { get; } = [9, 12];

    private static readonly HashSet<CaseStatus> Deliberating = [CaseStatus.InDeliberation, CaseStatus.DecisionReview];

    private static readonly HashSet<string> ImplementationTriggers =
        [Transitions.Acknowledge, Transitions.Progress, Transitions.Respond, Transitions.Publish, Transitions.ReviewEnds];

    private static readonly HashSet<CaseStatus> ImplementationPath =
        [CaseStatus.Dispatched, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.Responded, CaseStatus.PublicReview, CaseStatus.Closed];

    /// <summary>Triggers every open status accepts without moving (co-reports, 附议, attachments …): left out of the picture.</summary>
    public static IReadOnlySet<string> EverywhereTriggers { get; } = Transitions.All
        .Select(t => t.Trigger)
        .Where(trigger => Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Closed).All(s => Transitions.Allows(s, trigger, s)))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The part of the lifecycle the page draws: every move into, out of or within InDeliberation and DecisionReview
    /// (in table order), then the way an adopted decision is carried out, Dispatched → … → Closed (in table order).
    /// </summary>
    public static IReadOnlyList<Transition> DeliberationTransitions { get; } =
    [
        .. Transitions.All.Where(t => !EverywhereTriggers.Contains(t.Trigger) && (Deliberating.Contains(t.From) || Deliberating.Contains(t.To))),
        .. Transitions.All.Where(t => ImplementationTriggers.Contains(t.Trigger) && t.From != t.To
            && ImplementationPath.Contains(t.From) && ImplementationPath.Contains(t.To)),
    ];

    /// <summary>Each village committee's thresholds and followers, in directory order.</summary>
    public static IReadOnlyList<CommitteeFigures> Committees(TownDirectory town, WorkflowPolicy policy) => town.Units
        .Where(u => u.Kind == UnitKind.VillageCommittee)
        .Select(u => new CommitteeFigures(
            u,
            u.Committee?.SupportToRefer ?? policy.SupportToRefer,
            u.Committee?.SupportToRefer is not null,
            u.Committee?.ObjectionsToReopen ?? policy.ObjectionsToReopen,
            u.Committee?.ObjectionsToReopen is not null,
            town.RepresentativesOf(u.Id).Count()))
        .ToList();

    /// <summary>The deliberation timers of the policy.</summary>
    public static IReadOnlyList<PolicyTimer> Timers(WorkflowPolicy policy) =>
    [
        new(nameof(WorkflowPolicy.Deliberation), policy.Deliberation.ToString(),
            "from referral (or a deferral, a cancelled meeting, a reopened decision) until a meeting takes the case up", Code(Transitions.NoMeeting)),
        new(nameof(WorkflowPolicy.DecisionAfterMeeting), policy.DecisionAfterMeeting.ToString(),
            "from the meeting until its decision on the case is published", Code(Transitions.NoMeeting)),
        new(nameof(WorkflowPolicy.DecisionReview), policy.DecisionReview.ToString(),
            "the public review of a decision, while residents may object", $"{Code(Transitions.DecisionAdopted)} or {Code(Transitions.DecisionRejected)}"),
        new(nameof(WorkflowPolicy.Implementation), policy.Implementation.ToString(),
            "the responsible unit carries out an adopted decision (its response deadline)", Code(Transitions.RespondOverdue)),
        new(nameof(WorkflowPolicy.ReportIn), policy.ReportIn.ToString(),
            "吹哨报到: each summoned department reports in, on its own working calendar", Code(Transitions.ReportInMissed)),
        new(nameof(WorkflowPolicy.SupervisionFactor), Number(policy.SupervisionFactor),
            "督办: the share of its remaining time a supervised case keeps", "—"),
    ];

    /// <summary>The Markdown page for <paramref name="town"/> and <paramref name="policy"/>, read from <paramref name="townFile"/>. LF line endings.</summary>
    /// <param name="townFile">Where the figures come from, as the page names it (a path in the repository).</param>
    public static string Markdown(TownDirectory town, WorkflowPolicy policy, string townFile)
    {
        ArgumentNullException.ThrowIfNull(town);
        ArgumentNullException.ThrowIfNull(policy);
        var md = new StringBuilder();
        Line(md, "# Deliberation: committee meetings, public review of decisions, representatives");
        Line(md);
        Line(md, "<!-- Generated from Deliberation.Domain (Transitions.All, MeetingLifecycle.All, DeliberationDiagram, the meeting enums) and the demo town file by `./dev docs`. Do not edit by hand. -->");
        Line(md);
        Line(md, "For committee members, town staff and representatives: how a case comes before a village committee's meeting "
            + "(议事会), how the meeting decides, how its decision is made public and carried out, and what representatives see "
            + "and do. The rest of a case's life is in [case-lifecycle.md](case-lifecycle.md); `code` names a trigger of its "
            + "transition table.");
        Line(md);
        Line(md, $"**The figures on this page (categories, thresholds, timers) are the demo town's**: {town.TownName}, from `{townFile}`. "
            + "Another town's file sets its own. A time in working minutes or days counts on the unit's working calendar; "
            + "plain days are calendar days.");
        Line(md);
        Agenda(md, town, policy);
        Clock(md, policy);
        MeetingSection(md);
        Quorum(md, policy);
        StepsSection(md);
        Review(md, policy);
        Representatives(md, policy);
        return md.ToString();
    }

    private static void Agenda(StringBuilder md, TownDirectory town, WorkflowPolicy policy)
    {
        var selfGoverning = town.Catalogue.Where(c => c.SelfGovernance).ToList();
        var onSupport = town.Catalogue.Where(c => c.DeliberateOnSupport).ToList();
        Line(md, "## Onto a committee's agenda (提交议事)");
        Line(md);
        Line(md, "A case comes before its village committee in one of three ways:");
        Line(md);
        Line(md, $"- **Staff refer it** ({Code(Transitions.Refer)}, while {Sources(Transitions.Refer)}): an officer of the unit "
            + "handling the case refers it to that unit, if it is a village committee, or else to the committee of the case's village.");
        Line(md, $"- **A self-governance matter (村民自治事项)** ({Code(Transitions.RouteToDeliberation)}, when {Sources(Transitions.RouteToDeliberation)}): "
            + "a case whose category is marked `selfGovernance` goes straight from routing to the committee of its village, "
            + $"unless it is an emergency or routing could not place it. In {town.TownName}: {Categories(selfGoverning)}.");
        Line(md, $"- **Residents' support (附议)** ({Code(Transitions.SupportReached)}, while {Sources(Transitions.SupportReached)}): "
            + "co-reports (another resident reporting the same matter) and 附议 (a reply `附议 <case number>` by SMS or WeChat, one per "
            + "resident) add up to the case's support. A case its village committee handles, of a category marked `deliberateOnSupport`, "
            + "goes on the committee's agenda when its support reaches the committee's threshold. Emergencies, implementation work "
            + "and a case a meeting has already decided are not referred this way; other categories only count the support. "
            + $"In {town.TownName}: {Categories(onSupport)}.");
        Line(md);
        Line(md, $"Each committee's thresholds: its own when its directory entry sets `committee.supportToRefer` or "
            + $"`committee.objectionsToReopen`, else the town policy's (`supportToRefer` {policy.SupportToRefer}, `objectionsToReopen` "
            + $"{policy.ObjectionsToReopen}). A support threshold of 0 turns referral by support off.");
        Line(md);
        Line(md, "| Committee | Support that refers a case | Objections that reopen a decision | Representatives following its cases |");
        Line(md, "|---|---|---|---|");
        foreach (var c in Committees(town, policy))
        {
            var support = c.SupportToRefer <= 0 ? "0 (never by support)" : c.SupportToRefer.ToString(CultureInfo.InvariantCulture);
            Line(md, $"| {c.Committee.Name} (`{c.Committee.Id}`) | {support} ({Whose(c.OwnSupportRule)}) | "
                + $"{c.ObjectionsToReopen.ToString(CultureInfo.InvariantCulture)} ({Whose(c.OwnObjectionRule)}) | {c.Representatives.ToString(CultureInfo.InvariantCulture)} |");
        }

        Line(md);
        Line(md, "On referral the committee becomes the case's unit, the committee and the reporters are told, and the public clock starts.");
        Line(md);
    }

    private static void Clock(StringBuilder md, WorkflowPolicy policy)
    {
        Line(md, "## The public clock");
        Line(md);
        Line(md, $"While {CaseStatus.InDeliberation}, a case shows residents a clock of its own instead of a handling deadline, and it still cannot stall:");
        Line(md);
        Line(md, $"- Waiting for a meeting, a meeting must take the case up within {policy.Deliberation} "
            + "(residents read 待列入议事会议程，最迟…前安排).");
        Line(md, $"- Once on a meeting's agenda ({Code(Transitions.ScheduleMeeting)}), the decision must be published within "
            + $"{policy.DecisionAfterMeeting} after the meeting (将于…召开的议事会上决定，决定于…前公布); the reporters are told the date and place.");
        Line(md, $"- If either runs out ({Code(Transitions.NoMeeting)}), the case leaves the committee for the next tier (the category's "
            + "town department, or else the dispatch centre) as an overdue case, and its followers are told at once.");
        Line(md, $"- A cancelled meeting or an item taken off the agenda ({Code(Transitions.MeetingCancelled)}) and a deferral "
            + $"({Code(Transitions.MeetingDeferred)}, 暂缓) put the case back to waiting for the next meeting, with a new {policy.Deliberation}; "
            + "the reporters are told.");
        Line(md, $"- A decision ({Code(Transitions.MeetingDecided)}) is published for review (see below); 督办 ({Code(Transitions.Supervise)}) shortens the clock.");
        Line(md);
        Line(md, "The deliberation part of the lifecycle, drawn from the transition table (moves every open status accepts, such as "
            + "co-reports, 附议 and attachments, are left out). The path from Dispatched to Closed is how an adopted decision is carried "
            + "out, as ordinary work of its responsible unit; Dispatched, Acknowledged and InProgress are also where referred cases come from.");
        Line(md);
        Line(md, "```mermaid");
        Line(md, "stateDiagram-v2");
        foreach (var t in DeliberationTransitions)
        {
            Line(md, $"    {t.From} --> {t.To} : {t.Trigger}");
        }

        Line(md, "```");
        Line(md);
    }

    private static void MeetingSection(StringBuilder md)
    {
        Line(md, "## The meeting");
        Line(md);
        Line(md, "A committee's officers, the dispatch centre or an admin call a meeting with its type, a future date, place, chair and "
            + "members. The agenda is built from the committee's cases waiting for a meeting (deferred and reopened ones included) and "
            + "items added by hand; it goes to the members and to the representatives following the village, and each case's reporters "
            + "are told when their case is put on it. Attendance is recorded once the meeting has begun and may be corrected until the "
            + "first vote; a vote needs the quorum. Only a meeting not yet held can be cancelled (with a reason); every undecided case "
            + "on it goes back to waiting. A cancelled meeting accepts nothing more. When a held meeting ends, its clerk closes it (闭会): "
            + "every item it did not decide is deferred, so its case waits for the next meeting at once, and the record is final "
            + "(minutes may still be written up).");
        Line(md);
        Line(md, "```mermaid");
        Line(md, "stateDiagram-v2");
        foreach (var line in MeetingMermaid())
        {
            Line(md, $"    {line}");
        }

        Line(md, "```");
        Line(md);
    }

    /// <summary>The meeting's lifecycle: start, one edge per pair of statuses (operations joined), and its final statuses.</summary>
    public static IReadOnlyList<string> MeetingMermaid()
    {
        var first = Enum.GetValues<MeetingStatus>()[0];
        var lines = new List<string> { $"[*] --> {first} : {MeetingLifecycle.Schedule}" };
        lines.AddRange(MeetingLifecycle.All
            .GroupBy(t => (t.From, t.To))
            .Select(g => $"{g.Key.From} --> {g.Key.To} : {string.Join(", ", g.Select(t => t.Operation))}"));
        lines.AddRange(Enum.GetValues<MeetingStatus>()
            .Where(s => !MeetingLifecycle.All.Any(t => t.From == s && t.To != s))
            .Select(s => $"{s} --> [*]"));
        return lines;
    }

    private static void Quorum(StringBuilder md, WorkflowPolicy policy)
    {
        Line(md, "## Quorum and majority");
        Line(md);
        Line(md, "Per meeting type, from the policy's `meetings`. The quorum counts members present; an item is adopted when more "
            + "than the majority share of those present vote for it, so abstentions count against it and a tie is not adopted. "
            + "Worked examples computed by the same code the meetings use:");
        Line(md);
        Line(md, $"| Meeting | Quorum | Adopted when | {string.Join(" | ", ExampleMembers.Select(n => $"{n} members"))} |");
        Line(md, $"|---|---|---|{string.Concat(ExampleMembers.Select(_ => "---|"))}");
        foreach (var type in Enum.GetValues<MeetingType>())
        {
            var rule = policy.RuleFor(type);
            var examples = ExampleMembers.Select(n =>
            {
                var quorum = rule.Quorum.AtLeast(n);
                return $"at least {quorum} present; adopted with {Meeting.MoreThan(rule.Majority, quorum)} for when {quorum} are present, "
                    + $"{Meeting.MoreThan(rule.Majority, n)} when all {n} are";
            });
            Line(md, $"| {type.Chinese()} (`{type}`) | at least {rule.Quorum} of the members present | more than {rule.Majority} of those present vote for | "
                + $"{string.Join(" | ", examples)} |");
        }

        Line(md);
        Line(md, "Votes are for, against and abstain, counted or by name (the public sees the numbers only); a stated outcome must agree "
            + "with the tally. Deferring an item (暂缓) needs no vote and no quorum, so a meeting without quorum can still put its items "
            + "off to the next one. An adopted item is carried out by the committee unless the meeting names another unit. The "
            + "resolution a case carries leaves out the names of the meeting's people.");
        Line(md);
    }

    private static void StepsSection(StringBuilder md)
    {
        Line(md, "## 四议两公开");
        Line(md);
        Line(md, "The steps recorded against each agenda item, in order:");
        Line(md);
        Line(md, "| # | Step | | Recorded by |");
        Line(md, "|---|---|---|---|");
        foreach (var (step, recorder) in Steps)
        {
            Line(md, $"| {(int)step + 1} | {step.Chinese()} | `{step}` | {Describe(recorder)} |");
        }

        Line(md);
    }

    private static string Describe(StepRecorder recorder) => recorder switch
    {
        StepRecorder.Staff => "the committee's staff, by hand, while the item is undecided (in order, dated, not in the future)",
        StepRecorder.Vote => "the meeting's vote on the item (it needs the quorum)",
        StepRecorder.DecisionPublished => "the case, when it publishes the decision for review; an item without a case at its vote (the meeting's public page is its 公开)",
        StepRecorder.ResultPublished => "the case, when the responsible unit's reply on carrying the decision out is published (shown on the meeting's page)",
        _ => throw new ArgumentOutOfRangeException(nameof(recorder), recorder, "Describe who records this step."),
    };

    private static void Review(StringBuilder md, WorkflowPolicy policy)
    {
        Line(md, "## Public review of decisions (决议公开)");
        Line(md);
        Line(md, $"- A decision, adopted or rejected, is published on the case ({CaseStatus.DecisionReview}: outcome, resolution and tally) "
            + "and texted to its reporters; followers find it in their digest (议定).");
        Line(md, $"- For {policy.DecisionReview} residents may object: a reply `异议 <case number> <reason>` by SMS or WeChat, or the public "
            + "page. Each resident counts once per decision.");
        Line(md, $"- When objections reach the committee's threshold before the review ends ({Code(Transitions.ObjectionUpheld)}; see the "
            + $"committee table, the town's default is {policy.ObjectionsToReopen}), the decision is reopened: the case goes back to {CaseStatus.InDeliberation} for the "
            + "next meeting, the reporters and the committee are told, and followers find it in their digest (重办).");
        Line(md, "- An objection after the review has ended is refused: the decision stands.");
        Line(md, $"- When the review ends, a rejected decision closes the case ({Code(Transitions.DecisionRejected)}). An adopted one becomes "
            + $"implementation work ({Code(Transitions.DecisionAdopted)}): the case is dispatched to the responsible unit, which signs for it "
            + $"within {policy.Acknowledge} and carries it out within {policy.Implementation}, with the reminders (催办) and escalation of any case. "
            + $"Its reply is published after {policy.ReviewBeforePublish} as the second 公开 (实施结果公开) and stays open for review "
            + $"for {policy.PublicReview} before the case closes.");
        Line(md);
        Line(md, "The timers, with the demo town's values:");
        Line(md);
        Line(md, "| Policy | Value | What it times | When it is due |");
        Line(md, "|---|---|---|---|");
        foreach (var timer in Timers(policy))
        {
            Line(md, $"| `{timer.Property}` | {timer.Value} | {timer.Times} | {timer.WhenDue} |");
        }

        Line(md);
    }

    private static void Representatives(StringBuilder md, WorkflowPolicy policy)
    {
        Line(md, "## Representatives (代表)");
        Line(md);
        Line(md, "- **Following.** A representative follows every case of the villages in their constituency without asking (the "
            + "committee table counts them) and may follow any other case for its notices; reading a case, supervising and whistling "
            + "stay with the representatives of its village. "
            + "Staff may follow cases too (a unit's officers those their unit handles or is summoned to).");
        Line(md, $"- **At once**, followers are told when {string.Join(", and when ", ImmediateFollowerNotices.Select(n => $"{n.When} (`{n.Template}`)"))}.");
        Line(md, $"- **Daily digest (每日动态)**, at {DailyDigest.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture)} in the town's time zone: the day's milestones "
            + $"of the cases they follow, grouped by kind, at most {DailyDigest.MaxCasesPerGroup} case numbers a kind (the rest counted). "
            + $"A day runs from the previous day's {DailyDigest.SendAt.ToString("HH:mm", CultureInfo.InvariantCulture)}; a milestone that reaches "
            + "the digest after its day's text went out (a queue backlog) is carried to the next day's; nothing to report, no digest. "
            + "A follower whose text fails is retried by the next run, without holding up the others. The kinds: "
            + $"{string.Join("; ", DailyDigest.Kinds.Select(k => $"{NotificationText.MilestoneName(k)} (`{k}`): {Milestone(k)}"))}.");
        Line(md, $"- **督办 (supervise)** ({Code(Transitions.Supervise)}, while {Sources(Transitions.Supervise)}): a representative marks "
            + $"a case of their constituency as supervised, once per case. Its pending deadlines (to sign for it, to "
            + $"respond, or before a committee the public clock) keep {Number(policy.SupervisionFactor)} of their remaining working time "
            + "(`SupervisionFactor`); the unit head is told, and the case shows 已督办.");
        Line(md, $"- **吹哨报到 (whistle)** ({Code(Transitions.Whistle)}, while {Sources(Transitions.Whistle)}): a representative (on the "
            + "same cases as 督办) or a village committee on a case of its own names a lead unit and summons one or more town departments. The case is dispatched "
            + $"to the lead; each summoned department must report in ({Code(Transitions.ReportIn)}) within {policy.ReportIn} of its own "
            + "working time (a round-the-clock 派出所 summoned at night within the half hour, an office department by the next morning). "
            + $"When a department's time is up ({Code(Transitions.ReportInMissed)}; one timer per due time), every department due by then and not reported in is reported to the town (duty leader and "
            + "dispatch centre) and to the case's followers; a later report-in is recorded as late. Summoned departments can read the case, report in and "
            + "report progress until it is answered or closed.");
        Line(md, "- **Casebook (代表履职台账).** A representative's followed cases with status, unit, days open and whether overdue.");
    }

    private static string Milestone(string kind) => kind switch
    {
        Milestones.Dispatched => "sent to a unit (including escalation, a whistle's lead and implementation)",
        Milestones.Responded => "the unit replied or declined (including implementation done)",
        Milestones.Decided => "a meeting's decision published for review",
        Milestones.Reopened => "reopened, by 不满意 or the dispatch centre, or a decision by objections",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Describe this digest milestone."),
    };

    private static string Categories(IEnumerable<CatalogueEntry> entries)
    {
        var names = entries.Select(c => $"{c.Name} (`{c.Id}`)").ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }

    private static string Sources(string trigger) => string.Join(", ", Transitions.SourcesOf(trigger));

    private static string Whose(bool own) => own ? "its own" : "town policy";

    private static string Code(string trigger) => $"`{trigger}`";

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    // Always "\n", whatever the platform, so the committed file is the same everywhere.
    private static void Line(StringBuilder md, string text = "") => md.Append(text).Append('\n');
}
