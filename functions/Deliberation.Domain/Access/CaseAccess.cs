using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Access;

/// <summary>A member of staff as authenticated: who, which unit, which roles.</summary>
public sealed record StaffUser(string UserId, string UnitId, IReadOnlySet<string> Roles)
{
    public bool Is(string role) => Roles.Contains(role);

    public Actor AsActor(string role) => new(UserId, UnitId, role);
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

    public static readonly IReadOnlyList<string> All = [Operator, Officer, Dispatcher, Admin];
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
}

/// <summary>Who may do what to a case: a unit's officers act on their own unit's cases only.</summary>
public static class CaseAccess
{
    private static readonly HashSet<StaffAction> UnitActions =
        [StaffAction.Read, StaffAction.Acknowledge, StaffAction.Progress, StaffAction.Respond, StaffAction.Decline, StaffAction.Transfer, StaffAction.Escalate, StaffAction.Refer, StaffAction.Split];

    private static readonly HashSet<StaffAction> DispatcherActions =
        [StaffAction.Read, StaffAction.Reassign, StaffAction.Escalate, StaffAction.Reopen, StaffAction.Split];

    public static bool Allows(StaffUser user, CaseState state, StaffAction action) =>
        user.Is(Roles.Admin)
        || (user.Is(Roles.Dispatcher) && DispatcherActions.Contains(action))
        || (user.Is(Roles.Operator) && action == StaffAction.Read)
        || (user.Is(Roles.Officer) && state.UnitId == user.UnitId && UnitActions.Contains(action));

    public static bool CanListUnit(StaffUser user, string unitId) =>
        user.Is(Roles.Admin) || user.Is(Roles.Dispatcher) || (user.Is(Roles.Officer) && user.UnitId == unitId);

    public static bool CanFileWorkOrders(StaffUser user) =>
        user.Is(Roles.Admin) || user.Is(Roles.Operator) || user.Is(Roles.Dispatcher);

    /// <summary>The role an action is taken in, recorded on the timeline.</summary>
    public static string RoleFor(StaffUser user, StaffAction action) =>
        user.Is(Roles.Officer) && UnitActions.Contains(action) ? Roles.Officer
        : user.Is(Roles.Dispatcher) ? Roles.Dispatcher
        : user.Is(Roles.Admin) ? Roles.Admin
        : user.Roles.FirstOrDefault() ?? "";
}
