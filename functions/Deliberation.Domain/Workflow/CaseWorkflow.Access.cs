using Deliberation.Domain.Access;

namespace Deliberation.Domain.Workflow;

public static partial class CaseWorkflow
{
    /// <summary>
    /// Authorisation again, against the state a staff action is applied to (the case's workflow asks before it decides).
    /// The API checks the state it read, but the case may have moved on before the action reaches it (a reassign racing
    /// an officer's acknowledgement, a whistle ended under a summoned department's report): the actor, in the role they
    /// acted in (<see cref="CaseAccess.ActingRole"/>), must still be allowed. Null when allowed or not a staff action.
    /// </summary>
    public static string? NotAllowed(CaseState state, CaseMessage message, WorkflowContext context) =>
        ActionOf(message) is ({ } actor, var action)
        && !CaseAccess.Allows(new StaffUser(actor.UserId, actor.UnitId, new HashSet<string>(StringComparer.Ordinal) { actor.Role }), state, action, new AccessScope(context.Directory))
            ? $"Not allowed any more: the case is now with {state.UnitId ?? "no unit"}, and {actor.Role} {actor.UserId} of {actor.UnitId} may not {action.ToString().ToLowerInvariant()} it."
            : null;

    private static (Actor? Actor, StaffAction Action) ActionOf(CaseMessage message) => message switch
    {
        Acknowledge m => (m.Actor, StaffAction.Acknowledge),
        ReportProgress m => (m.Actor, StaffAction.Progress),
        Respond m => (m.Actor, StaffAction.Respond),
        Decline m => (m.Actor, StaffAction.Decline),
        Transfer m => (m.Actor, StaffAction.Transfer),
        Reassign m => (m.Actor, StaffAction.Reassign),
        Escalate m => (m.Actor, StaffAction.Escalate),
        ReferToDeliberation m => (m.Actor, StaffAction.Refer),
        Supervise m => (m.Actor, StaffAction.Supervise),
        Whistle m => (m.Actor, StaffAction.Whistle),
        ReportIn m => (m.Actor, StaffAction.ReportIn),
        ConfirmEmergency m => (m.Actor, StaffAction.SetUrgency),
        DowngradeUrgency m => (m.Actor, StaffAction.SetUrgency),
        SplitReport m => (m.Actor, StaffAction.Split),
        _ => (null, StaffAction.Read),
    };
}
