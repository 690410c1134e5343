namespace Deliberation.Domain.Notifications;

/// <summary>
/// The names of the notices the workflow sends (<see cref="Workflow.Notify.Template"/>) and of the staff and followers'
/// copies <see cref="NotificationText.ForAudience"/> turns them into. Every one has its own text in
/// <see cref="NotificationText.Render"/>; a name without one is an error, not a generic text.
/// </summary>
public static class NotificationTemplates
{
    public const string CaseReceived = "case-received";
    public const string CaseJoined = "case-joined";
    public const string CasePriorityRaised = "case-priority-raised";
    public const string CaseTriage = "case-triage";
    public const string CaseDispatched = "case-dispatched";
    public const string UnitCaseDispatched = "unit-case-dispatched";
    public const string CaseReminder = "case-reminder";
    public const string CaseResponded = "case-responded";
    public const string CaseDeclined = "case-declined";
    public const string PublicReviewStarted = "public-review-started";
    public const string CaseClosed = "case-closed";
    public const string Emergency = "emergency";
    public const string PossibleEmergency = "possible-emergency";
    public const string CaseOverdue = "case-overdue";
    public const string CaseOverdueFollowers = "case-overdue-followers";
    public const string CaseOverdueTop = "case-overdue-top";
    public const string TriageOverdue = "triage-overdue";
    public const string DissatisfiedReview = "dissatisfied-review";
    public const string CaseSupervised = "case-supervised";
    public const string WhistleSummoned = "whistle-summoned";
    public const string ReportInMissed = "report-in-missed";
    public const string CaseReferred = "case-referred";
    public const string CaseReferredUnit = "case-referred-unit";
    public const string CaseOnAgenda = "case-on-agenda";
    public const string DecisionDeferred = "decision-deferred";
    public const string MeetingCancelled = "meeting-cancelled";
    public const string DecisionPublished = "decision-published";
    public const string DecisionReopened = "decision-reopened";
    public const string DecisionReopenedUnit = "decision-reopened-unit";
    public const string ImplementationDispatched = "implementation-dispatched";
    public const string UnitImplementationDispatched = "unit-implementation-dispatched";
    public const string ImplementationDone = "implementation-done";
    public const string ImplementationPublished = "implementation-published";

    /// <summary>A followers' milestone (<see cref="Milestones"/>): it goes into the daily digest, never sent on its own.</summary>
    public const string Milestone = "milestone";

    /// <summary>A meeting's agenda to its members and the village's representatives: written by the meeting API, not a case notice.</summary>
    public const string MeetingAgenda = "meeting-agenda";
}

/// <summary>The milestones of a followed case the daily digest reports (the data of a <see cref="NotificationTemplates.Milestone"/> notice).</summary>
public static class Milestones
{
    public const string Dispatched = "Dispatched";
    public const string Responded = "Responded";
    public const string Decided = "Decided";
    public const string Reopened = "Reopened";
}
