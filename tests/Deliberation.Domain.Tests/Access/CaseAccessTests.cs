using Deliberation.Domain.Access;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Access;

public sealed class CaseAccessTests
{
    private const string UnitA = Cases.Dongzhai;
    private const string UnitB = "sp-hetang-nanzhai";

    /// <summary>A case of unit A (rubbish at 东宅, dispatched to its service point).</summary>
    private static readonly CaseState CaseOfA = Cases.Dispatched();

    private static readonly StaffAction[] UnitActions =
        [StaffAction.Read, StaffAction.Acknowledge, StaffAction.Progress, StaffAction.Respond, StaffAction.Decline, StaffAction.Transfer, StaffAction.Escalate, StaffAction.Refer, StaffAction.Split];

    private static StaffUser User(string unitId, params string[] roles) => new("u1", unitId, roles.ToHashSet());

    public static TheoryData<StaffAction> AllActions() => [.. Enum.GetValues<StaffAction>()];

    [Fact]
    public void Officer_OwnUnitsCase_MayReadAndHandleButNotReassignOrReopen()
    {
        var officer = User(UnitA, Roles.Officer);
        Assert.Equal(UnitA, CaseOfA.UnitId);

        var allowed = Enum.GetValues<StaffAction>().Where(a => CaseAccess.Allows(officer, CaseOfA, a));

        Assert.Equal(UnitActions, allowed);
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Officer_OtherUnitsCase_MayDoNothing(StaffAction action)
    {
        Assert.False(CaseAccess.Allows(User(UnitB, Roles.Officer), CaseOfA, action));
    }

    [Fact]
    public void Officer_CaseEscalatedAwayFromTheirUnit_LosesAccess()
    {
        var escalated = Cases.Accept(CaseOfA, Cases.Due(CaseOfA));

        Assert.False(CaseAccess.Allows(User(UnitA, Roles.Officer), escalated, StaffAction.Read));
        Assert.True(CaseAccess.Allows(User(Cases.Village, Roles.Officer), escalated, StaffAction.Respond));
    }

    [Fact]
    public void Dispatcher_AnyCase_MayReadReassignEscalateReopenButNotHandle()
    {
        var dispatcher = User(TestTown.DispatchCentre, Roles.Dispatcher);

        var allowed = Enum.GetValues<StaffAction>().Where(a => CaseAccess.Allows(dispatcher, CaseOfA, a));

        Assert.Equal([StaffAction.Read, StaffAction.Escalate, StaffAction.Reassign, StaffAction.Reopen, StaffAction.Split], allowed);
        Assert.False(CaseAccess.Allows(dispatcher, CaseOfA, StaffAction.Respond));
    }

    [Fact]
    public void Operator_AnyCase_MayOnlyRead()
    {
        var op = User(TestTown.DispatchCentre, Roles.Operator);

        var allowed = Enum.GetValues<StaffAction>().Where(a => CaseAccess.Allows(op, CaseOfA, a));

        Assert.Equal([StaffAction.Read], allowed);
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Admin_AnyCase_MayDoEverything(StaffAction action)
    {
        Assert.True(CaseAccess.Allows(User("town-office", Roles.Admin), CaseOfA, action));
    }

    [Fact]
    public void NoRole_AnyCase_MayDoNothing()
    {
        var nobody = User(UnitA);

        Assert.DoesNotContain(Enum.GetValues<StaffAction>(), a => CaseAccess.Allows(nobody, CaseOfA, a));
    }

    [Fact]
    public void OfficerAndDispatcher_OwnCase_GetTheUnionOfBoth()
    {
        var both = User(UnitA, Roles.Officer, Roles.Dispatcher);

        Assert.True(CaseAccess.Allows(both, CaseOfA, StaffAction.Respond));
        Assert.True(CaseAccess.Allows(both, CaseOfA, StaffAction.Reassign));
        Assert.Equal(Roles.Officer, CaseAccess.RoleFor(both, StaffAction.Respond));
        Assert.Equal(Roles.Dispatcher, CaseAccess.RoleFor(both, StaffAction.Reassign));
    }

    [Fact]
    public void CanListUnit_OfficerOtherUnit_IsRefused()
    {
        Assert.True(CaseAccess.CanListUnit(User(UnitA, Roles.Officer), UnitA));
        Assert.False(CaseAccess.CanListUnit(User(UnitA, Roles.Officer), UnitB));
        Assert.True(CaseAccess.CanListUnit(User(TestTown.DispatchCentre, Roles.Dispatcher), UnitB));
        Assert.False(CaseAccess.CanListUnit(User(TestTown.DispatchCentre, Roles.Operator), UnitB));
    }

    [Fact]
    public void CanFileWorkOrders_OfficerAlone_IsRefused()
    {
        Assert.False(CaseAccess.CanFileWorkOrders(User(UnitA, Roles.Officer)));
        Assert.True(CaseAccess.CanFileWorkOrders(User(TestTown.DispatchCentre, Roles.Operator)));
        Assert.True(CaseAccess.CanFileWorkOrders(User(TestTown.DispatchCentre, Roles.Dispatcher)));
    }
}
