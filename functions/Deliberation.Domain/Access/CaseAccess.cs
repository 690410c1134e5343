using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Access;

/// <summary>
/// A member of staff as authenticated: who, which unit, which roles. For a representative the unit slot holds
/// the representative's id in the directory (their constituency is looked up by it).
/// </summary>
public sealed record StaffUser(string UserId, string UnitId, IReadOnlySet<string> Roles)
{
    public bool Is(string role) => Roles.Contains(role);

    /// <summary>
    /// The actor recorded on the timeline. A representative acts as the representative of the directory (their id, by
    /// which texts name them, e.g. 督办 by 人大代表姚建华), not under the sign-in's own user id.
    /// </summary>
    public Actor AsActor(string role) =>
        role == global::Deliberation.Domain.Access.Roles.Representative && RepresentativeId is { } id ? new(id, id, role) : new(UserId, UnitId, role);

    /// <summary>The representative's id in the directory, when the user signs in as one.</summary>
    public string? RepresentativeId => Is(global::Deliberation.Domain.Access.Roles.Representative) ? UnitId : null;
}

public static class Roles
{
    /// <summary>Hotline operator: files work orders and looks cases up for callers.</summary>
    public const string Operator = "operator";

    /// <summary>Staff of a unit (service point, committee, department): handles that unit's cases.</summary>
    public const string Officer = "officer";

    /// <summary>Dispatch centre staff: triage, re-routing, escalation and reopening across the town.</summary>
    public const string Dispatcher = "dispatcher";

    public const string Admin = "admin";

    /// <summary>An elected representative (人大代表/党代表): follows the cases of their constituency, supervises, whistles.</summary>
    public const string Representative = "representative";

    public static readonly IReadOnlyList<string> All = [Operator, Officer, Dispatcher, Admin, Representative];
}

public enum StaffAction
{
    Read,
    Acknowledge,
    Progress,
    Respond,
    Decline,
    Transfer,
    Escalate,
    Reassign,
    Refer,
    Reopen,
    Split,

    /// <summary>督办</summary>
    Supervise,

    /// <summary>吹哨: summon departments to the case.</summary>
    Whistle,

    /// <summary>报到: a summoned department reports in.</summary>
    ReportIn,

    /// <summary>Follow the case (overdue notices at once, milestones in the daily digest).</summary>
    Follow,

    /// <summary>Confirm a possible emergency or downgrade an emergency: the dispatch centre's duty, and only a dispatcher's.</summary>
    SetUrgency,
}

/// <summary>
/// What access depends on besides the user and the case: the directory (a representative's constituency, the kind
/// of a unit). Without a directory only the unit rules apply.
/// </summary>
public sealed record AccessScope(TownDirectory? Directory = null)
{
    public static readonly AccessScope None = new();
}

/// <summary>
/// Who may do what to a case. A unit's officers act on their own unit's cases; a representative reads, supervises
/// and whistles on the cases of their constituency's villages (following a case gives notices, not authority over
/// it); a village committee whistles
/// on its own cases; a department summoned by a whistle reads, reports in and reports progress while the case is open.
/// </summary>
public static class CaseAccess
{
    private static readonly HashSet<StaffAction> UnitActions =
        [StaffAction.Read, StaffAction.Acknowledge, StaffAction.Progress, StaffAction.Respond, StaffAction.Decline, StaffAction.Transfer, StaffAction.Escalate, StaffAction.Refer, StaffAction.Split];

    private static readonly HashSet<StaffAction> DispatcherActions =
        [StaffAction.Read, StaffAction.Reassign, StaffAction.Escalate, StaffAction.Reopen, StaffAction.Split, StaffAction.Follow];

    private static readonly HashSet<StaffAction> RepresentativeActions =
        [StaffAction.Read, StaffAction.Supervise, StaffAction.Whistle, StaffAction.Follow];

    private static readonly HashSet<StaffAction> SummonedActions = [StaffAction.Read, StaffAction.ReportIn, StaffAction.Progress];

    /// <summary>Statuses in which the case is still being handled, so summoned departments stay on it.</summary>
    private static readonly HashSet<CaseStatus> Open =
        [CaseStatus.Received, CaseStatus.Triage, CaseStatus.Dispatched, CaseStatus.Acknowledged, CaseStatus.InProgress, CaseStatus.InDeliberation, CaseStatus.DecisionReview];

    /// <summary>The unit rules alone (no representative or committee rules: they need the directory).</summary>
    public static bool Allows(StaffUser user, CaseState state, StaffAction action) => Allows(user, state, action, AccessScope.None);

    public static bool Allows(StaffUser user, CaseState state, StaffAction action, AccessScope scope) =>
        action == StaffAction.SetUrgency
            ? user.Is(Roles.Dispatcher)
            : user.Is(Roles.Admin)
        || (user.Is(Roles.Dispatcher) && DispatcherActions.Contains(action))
        || (user.Is(Roles.Operator) && action is StaffAction.Read or StaffAction.Follow)
        || (user.Is(Roles.Officer) && OfficerAllows(user, state, action, scope))
        || (user.Is(Roles.Representative) && RepresentativeAllows(user, state, action, scope));

    /// <summary>Whether the case's village is in the representative's constituency.</summary>
    public static bool InConstituency(StaffUser user, CaseState state, TownDirectory? directory) =>
        user.RepresentativeId is { } id
        && state.Village is { } village
        && directory?.FindRepresentative(id) is { } representative
        && representative.Villages.Contains(village, StringComparer.Ordinal);

    public static bool CanListUnit(StaffUser user, string unitId) =>
        user.Is(Roles.Admin) || user.Is(Roles.Dispatcher) || (user.Is(Roles.Officer) && user.UnitId == unitId);

    /// <summary>A representative's casebook and digest: the representative themself, dispatchers and admins.</summary>
    public static bool CanReadCasebook(StaffUser user, string representativeId) =>
        user.Is(Roles.Admin) || user.Is(Roles.Dispatcher) || user.RepresentativeId == representativeId;

    public static bool CanFileWorkOrders(StaffUser user) =>
        user.Is(Roles.Admin) || user.Is(Roles.Operator) || user.Is(Roles.Dispatcher);

    /// <summary>The role an action is taken in, recorded on the timeline.</summary>
    public static string RoleFor(StaffUser user, StaffAction action) =>
        user.Is(Roles.Officer) && (UnitActions.Contains(action) || action is StaffAction.Whistle or StaffAction.ReportIn) ? Roles.Officer
        : user.Is(Roles.Representative) && RepresentativeActions.Contains(action) ? Roles.Representative
        : user.Is(Roles.Dispatcher) ? Roles.Dispatcher
        : user.Is(Roles.Admin) ? Roles.Admin
        : user.Roles.FirstOrDefault() ?? "";

    /// <summary>
    /// The role an allowed action is taken in: the one <see cref="RoleFor"/> names when that role alone allows it, else
    /// the first of the user's roles that does (a user both officer and admin acting on another unit's case acts as
    /// admin). The case checks the action again in this role against the state it is applied to.
    /// </summary>
    public static string ActingRole(StaffUser user, CaseState state, StaffAction action, AccessScope scope)
    {
        var preferred = RoleFor(user, action);
        return new[] { preferred }.Concat(Roles.All).Where(user.Is)
            .FirstOrDefault(role => Allows(new StaffUser(user.UserId, user.UnitId, new HashSet<string>(StringComparer.Ordinal) { role }), state, action, scope))
            ?? preferred;
    }

    private static bool OfficerAllows(StaffUser user, CaseState state, StaffAction action, AccessScope scope)
    {
        var ownCase = state.UnitId == user.UnitId;
        var summoned = state.Whistle?.IsOn(user.UnitId) == true && Open.Contains(state.Status);
        return action switch
        {
            StaffAction.Follow => ownCase || summoned,
            StaffAction.Whistle => IsCommittee(user.UnitId, scope) && (ownCase || state.Committee == user.UnitId),
            _ => (ownCase && UnitActions.Contains(action)) || (summoned && SummonedActions.Contains(action)),
        };
    }

    /// <summary>
    /// Following is open to a representative of the directory for any case (the issue: anyone staff-side may follow
    /// any case). Following brings notices of the case, not a mandate: a representative reads, supervises (督办) and
    /// whistles (吹哨) only where their constituents elected them, so following another village's case does not let
    /// them see its reporters' contacts or shorten its deadlines.
    /// </summary>
    private static bool RepresentativeAllows(StaffUser user, CaseState state, StaffAction action, AccessScope scope) =>
        RepresentativeActions.Contains(action)
        && scope.Directory?.FindRepresentative(user.UnitId) is not null
        && (action == StaffAction.Follow || InConstituency(user, state, scope.Directory));

    private static bool IsCommittee(string unitId, AccessScope scope) =>
        scope.Directory?.FindUnit(unitId)?.Kind == UnitKind.VillageCommittee;
}
