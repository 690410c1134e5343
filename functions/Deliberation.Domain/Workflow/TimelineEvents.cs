namespace Deliberation.Domain.Workflow;

/// <summary>
/// The names of the case timeline's events (<see cref="TimelineEntry.Event"/>). Entering a status without a name of its
/// own is named for the status (<see cref="Dispatched"/>, <see cref="Acknowledged"/> …).
/// </summary>
public static class TimelineEvents
{
    public const string Received = "Received";
    public const string RouteRetried = "RouteRetried";
    public const string Triage = nameof(CaseStatus.Triage);
    public const string Dispatched = nameof(CaseStatus.Dispatched);
    public const string Acknowledged = nameof(CaseStatus.Acknowledged);
    public const string Progress = "Progress";
    public const string Responded = nameof(CaseStatus.Responded);
    public const string Declined = nameof(CaseStatus.Declined);
    public const string Published = "Published";
    public const string Closed = nameof(CaseStatus.Closed);
    public const string Transferred = "Transferred";
    public const string Reassigned = "Reassigned";
    public const string Escalated = "Escalated";
    public const string OverdueAlert = "OverdueAlert";
    public const string Reminded = "Reminded";
    public const string Reopened = "Reopened";
    public const string Rated = "Rated";
    public const string AttachmentAdded = "AttachmentAdded";
    public const string EmergencyConfirmed = "EmergencyConfirmed";
    public const string Downgraded = "Downgraded";
    public const string CoReported = "CoReported";
    public const string Split = "Split";
    public const string Supervised = "Supervised";
    public const string Whistle = "Whistle";
    public const string ReportedIn = "ReportedIn";
    public const string ReportInMissed = "ReportInMissed";
    public const string Referred = "Referred";
    public const string Supported = "Supported";
    public const string OnAgenda = "OnAgenda";
    public const string OffAgenda = "OffAgenda";
    public const string Deferred = "Deferred";
    public const string DecisionPublished = "DecisionPublished";
    public const string Objection = "Objection";
    public const string DecisionStands = "DecisionStands";
    public const string ImplementationDispatched = "ImplementationDispatched";
    public const string ResultPublished = "ResultPublished";
}
