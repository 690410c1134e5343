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
            ? $"操作已不被允许：案件现由{state.UnitId ?? "（无单位）"}承办，{actor.UnitId} 的 {actor.UserId}（角色 {actor.Role}）不能对其执行 {action.ToString().ToLowerInvariant()}。"
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
