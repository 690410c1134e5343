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
        [StaffAction.Read, StaffAction.Acknowledge, StaffAction.Progress, StaffAction.Respond, StaffAction.Decline, StaffAction.Transfer, StaffAction.Escalate, StaffAction.Refer, StaffAction.Split, StaffAction.Follow];

    private static StaffUser User(string unitId, params string[] roles) => new("u1", unitId, roles.ToHashSet());

    public static TheoryData<StaffAction> AllActions() => [.. Enum.GetValues<StaffAction>()];

    private static IEnumerable<StaffAction> Allowed(StaffUser user, CaseState state, AccessScope scope) =>
        Enum.GetValues<StaffAction>().Where(a => CaseAccess.Allows(user, state, a, scope));

    private static IEnumerable<StaffAction> Allowed(StaffUser user, CaseState state) =>
        Allowed(user, state, new AccessScope(TestTown.Directory));

    [Fact]
    public void Officer_OwnUnitsCase_MayReadHandleAndFollowButNotReassignReopenOrSupervise()
    {
        var officer = User(UnitA, Roles.Officer);
        Assert.Equal(UnitA, CaseOfA.UnitId);

        Assert.Equal(UnitActions, Allowed(officer, CaseOfA));
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Officer_OtherUnitsCase_MayDoNothing(StaffAction action)
    {
        Assert.False(CaseAccess.Allows(User(UnitB, Roles.Officer), CaseOfA, action, new AccessScope(TestTown.Directory)));
    }

    [Fact]
    public void Officer_CaseEscalatedAwayFromTheirUnit_LosesAccess()
    {
        var escalated = Cases.Accept(CaseOfA, Cases.Due(CaseOfA));

        Assert.False(CaseAccess.Allows(User(UnitA, Roles.Officer), escalated, StaffAction.Read));
        Assert.True(CaseAccess.Allows(User(Cases.Village, Roles.Officer), escalated, StaffAction.Respond));
    }

    [Fact]
    public void Dispatcher_AnyCase_MayReadReassignEscalateReopenFollowButNotHandle()
    {
        var dispatcher = User(TestTown.DispatchCentre, Roles.Dispatcher);

        Assert.Equal([StaffAction.Read, StaffAction.Escalate, StaffAction.Reassign, StaffAction.Reopen, StaffAction.Split, StaffAction.Follow, StaffAction.SetUrgency], Allowed(dispatcher, CaseOfA));
        Assert.False(CaseAccess.Allows(dispatcher, CaseOfA, StaffAction.Respond));
    }

    [Fact]
    public void Operator_AnyCase_MayOnlyReadAndFollow()
    {
        var op = User(TestTown.DispatchCentre, Roles.Operator);

        Assert.Equal([StaffAction.Read, StaffAction.Follow], Allowed(op, CaseOfA));
    }

    [Theory]
    [MemberData(nameof(AllActions))]
    public void Admin_AnyCase_MayDoEverythingButSetUrgency(StaffAction action)
    {
        // Confirming or downgrading an emergency is the on-duty dispatcher's call alone.
        Assert.Equal(action != StaffAction.SetUrgency, CaseAccess.Allows(User("town-office", Roles.Admin), CaseOfA, action));
    }

    [Fact]
    public void SetUrgency_OnlyADispatcher_MayConfirmOrDowngrade()
    {
        Assert.True(CaseAccess.Allows(User("town-office", Roles.Dispatcher), CaseOfA, StaffAction.SetUrgency));
        Assert.False(CaseAccess.Allows(User(UnitA, Roles.Officer), CaseOfA, StaffAction.SetUrgency));
        Assert.False(CaseAccess.Allows(User(UnitA, Roles.Operator), CaseOfA, StaffAction.SetUrgency));
    }

    [Fact]
    public void NoRole_AnyCase_MayDoNothing()
    {
        var nobody = User(UnitA);

        Assert.Empty(Allowed(nobody, CaseOfA));
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
        Assert.False(CaseAccess.CanFileWorkOrders(User(Representatives.Yao, Roles.Representative)));
    }

    [Fact]
    public void ActionReachingTheCaseAfterAReassign_IsNotAllowedToTheUnitThatLostIt()
    {
        var ack = Cases.Ack(CaseOfA);
        Assert.Null(CaseWorkflow.NotAllowed(CaseOfA, ack, TestTown.Context));

        var reassigned = Cases.Accept(CaseOfA, Cases.Reassign(CaseOfA, UnitB));
        var refused = CaseWorkflow.NotAllowed(reassigned, ack, TestTown.Context);

        Assert.NotNull(refused);
        Assert.Contains(UnitB, refused, StringComparison.Ordinal);
        Assert.Null(CaseWorkflow.NotAllowed(reassigned, Cases.Ack(reassigned), TestTown.Context));
    }

    [Fact]
    public void ActingRole_OfficerAndAdmin_OnAnotherUnitsCase_ActsAsAdmin_OnTheirOwnAsOfficer()
    {
        var both = User(UnitB, Roles.Officer, Roles.Admin);
        var scope = new AccessScope(TestTown.Directory);

        Assert.Equal(Roles.Admin, CaseAccess.ActingRole(both, CaseOfA, StaffAction.Acknowledge, scope));
        Assert.Equal(Roles.Officer, CaseAccess.ActingRole(User(UnitA, Roles.Officer, Roles.Admin), CaseOfA, StaffAction.Acknowledge, scope));
    }
}

/// <summary>Representatives: their constituency, the cases they follow, and nothing else.</summary>
public sealed class RepresentativeAccessTests
{
    private static readonly CaseState ZhangjingCase = Cases.Dispatched();

    /// <summary>Rubbish at 荷塘村南宅, dispatched to 荷塘's service point.</summary>
    private static readonly CaseState HetangCase = Cases.Accept(Cases.Received("南宅路口的垃圾桶满了好几天没人清运", "荷塘村南宅"), new Route("route-1", Cases.Tuesday));

    private static readonly StaffUser Yao = new(Representatives.Yao, Representatives.Yao, new HashSet<string> { Roles.Representative });

    private static IEnumerable<StaffAction> Allowed(StaffUser user, CaseState state, AccessScope scope) =>
        Enum.GetValues<StaffAction>().Where(a => CaseAccess.Allows(user, state, a, scope));

    [Fact]
    public void TheCases_AreOfTheVillagesTheTestsSayTheyAre()
    {
        Assert.Equal(Cases.Village, ZhangjingCase.Village);
        Assert.Equal("v-hetang", HetangCase.Village);
        Assert.Equal(["v-zhangjing"], TestTown.Directory.FindRepresentative(Representatives.Yao)!.Villages);
    }

    [Fact]
    public void Representative_CaseOfTheirConstituency_MayReadSuperviseWhistleAndFollowOnly()
    {
        Assert.Equal(
            [StaffAction.Read, StaffAction.Supervise, StaffAction.Whistle, StaffAction.Follow],
            Allowed(Yao, ZhangjingCase, new AccessScope(TestTown.Directory)));
    }

    [Fact]
    public void Representative_CaseOfAnotherVillage_MayOnlyFollowIt()
    {
        Assert.Equal([StaffAction.Follow], Allowed(Yao, HetangCase, new AccessScope(TestTown.Directory)));
    }

    [Fact]
    public void Representative_WithoutTheDirectory_MayDoNothing()
    {
        Assert.Empty(Allowed(Yao, ZhangjingCase, AccessScope.None));
    }

    [Fact]
    public void Representative_UnknownToTheDirectory_MayDoNothing()
    {
        var stranger = Yao with { UnitId = "rep-nobody", UserId = "rep-nobody" };

        Assert.Empty(Allowed(stranger, ZhangjingCase, new AccessScope(TestTown.Directory)));
    }

    [Fact]
    public void Representative_CaseWithoutAVillage_IsNotInAnyConstituency()
    {
        var triage = Cases.Triage();
        Assert.Null(triage.Village);

        Assert.False(CaseAccess.Allows(Yao, triage, StaffAction.Read, new AccessScope(TestTown.Directory)));
    }

    [Fact]
    public void Representative_RoleOnTheTimeline_IsRepresentative()
    {
        Assert.Equal(Roles.Representative, CaseAccess.RoleFor(Yao, StaffAction.Supervise));
        Assert.Equal(Roles.Representative, CaseAccess.RoleFor(Yao, StaffAction.Whistle));
        Assert.Equal(Representatives.Yao, Yao.RepresentativeId);
    }

    [Fact]
    public void Representative_SignedInUnderAnotherUserId_ActsAsTheirDirectoryId()
    {
        var signedIn = Yao with { UserId = "entra-oid-1234" };

        Assert.Equal(new Actor(Representatives.Yao, Representatives.Yao, Roles.Representative), signedIn.AsActor(Roles.Representative));
        Assert.Equal("entra-oid-1234", new StaffUser("entra-oid-1234", Cases.Dongzhai, new HashSet<string> { Roles.Officer }).AsActor(Roles.Officer).UserId);
    }

    [Fact]
    public void OfficerWhoseUnitIdLooksLikeARepresentative_IsNoRepresentative()
    {
        var officer = new StaffUser("w1", Representatives.Yao, new HashSet<string> { Roles.Officer });

        Assert.Null(officer.RepresentativeId);
        Assert.False(CaseAccess.Allows(officer, ZhangjingCase, StaffAction.Read, new AccessScope(TestTown.Directory)));
    }

    [Fact]
    public void CanReadCasebook_OnlyTheRepresentativeThemselfDispatchersAndAdmins()
    {
        Assert.True(CaseAccess.CanReadCasebook(Yao, Representatives.Yao));
        Assert.False(CaseAccess.CanReadCasebook(Yao, "rep-xu-meiling"));
        Assert.True(CaseAccess.CanReadCasebook(new StaffUser("d1", TestTown.DispatchCentre, new HashSet<string> { Roles.Dispatcher }), Representatives.Yao));
        Assert.True(CaseAccess.CanReadCasebook(new StaffUser("a1", "town", new HashSet<string> { Roles.Admin }), Representatives.Yao));
        Assert.False(CaseAccess.CanReadCasebook(new StaffUser("w1", Cases.Dongzhai, new HashSet<string> { Roles.Officer }), Representatives.Yao));
        Assert.False(CaseAccess.CanReadCasebook(new StaffUser("o1", TestTown.DispatchCentre, new HashSet<string> { Roles.Operator }), Representatives.Yao));
    }
}

/// <summary>吹哨报到: who may whistle, and what a summoned department may do.</summary>
public sealed class WhistleAccessTests
{
    private const string Chengguan = "chengguan";
    private const string Fangguanban = "fangguanban";

    private static readonly AccessScope Scope = new(TestTown.Directory);

    /// <summary>Parking on 张泾路, dispatched to 张泾村's committee.</summary>
    private static readonly CaseState CommitteeCase = Cases.Accept(Cases.Received(Cases.ParkingText, place: null), new Route("route-1", Cases.Tuesday));

    private static StaffUser Officer(string unitId) => new($"officer-of-{unitId}", unitId, new HashSet<string> { Roles.Officer });

    /// <summary>The case as a whistle leaves it: 城管 leads, 房管办 is summoned.</summary>
    private static CaseState Whistled(CaseState state, CaseStatus status = CaseStatus.Dispatched) => state with
    {
        Status = status,
        UnitId = Chengguan,
        Whistle = new WhistleCall(1, "rep-yao-jianhua", Chengguan, Cases.Tuesday, "多部门协同", [new Summons(Fangguanban, Cases.Tuesday.AddMinutes(30))]),
    };

    [Fact]
    public void CommitteeOfficer_OwnCommitteesCase_MayWhistle()
    {
        Assert.Equal(Cases.Village, CommitteeCase.UnitId);

        Assert.True(CaseAccess.Allows(Officer(Cases.Village), CommitteeCase, StaffAction.Whistle, Scope));
        Assert.Equal(Roles.Officer, CaseAccess.RoleFor(Officer(Cases.Village), StaffAction.Whistle));
    }

    [Fact]
    public void CommitteeOfficer_AnotherCommitteesCase_MayNotWhistle()
    {
        Assert.False(CaseAccess.Allows(Officer("v-hetang"), CommitteeCase, StaffAction.Whistle, Scope));
    }

    [Fact]
    public void ServicePointOfficer_OwnCase_MayNotWhistle()
    {
        Assert.False(CaseAccess.Allows(Officer(Cases.Dongzhai), Cases.Dispatched(), StaffAction.Whistle, Scope));
    }

    [Fact]
    public void CommitteeOfficer_WithoutTheDirectory_MayNotWhistle()
    {
        Assert.False(CaseAccess.Allows(Officer(Cases.Village), CommitteeCase, StaffAction.Whistle));
    }

    [Fact]
    public void SummonedDepartment_OpenCase_MayReadReportInProgressAndFollowOnly()
    {
        var allowed = Enum.GetValues<StaffAction>().Where(a => CaseAccess.Allows(Officer(Fangguanban), Whistled(CommitteeCase), a, Scope));

        Assert.Equal([StaffAction.Read, StaffAction.Progress, StaffAction.ReportIn, StaffAction.Follow], allowed);
    }

    [Theory]
    [InlineData(CaseStatus.Responded)]
    [InlineData(CaseStatus.PublicReview)]
    [InlineData(CaseStatus.Closed)]
    public void SummonedDepartment_CaseNoLongerOpen_LosesAccess(CaseStatus status)
    {
        Assert.False(CaseAccess.Allows(Officer(Fangguanban), Whistled(CommitteeCase, status), StaffAction.Read, Scope));
        Assert.False(CaseAccess.Allows(Officer(Fangguanban), Whistled(CommitteeCase, status), StaffAction.ReportIn, Scope));
    }

    [Fact]
    public void DepartmentNotSummoned_MayDoNothing()
    {
        Assert.DoesNotContain(Enum.GetValues<StaffAction>(), a => CaseAccess.Allows(Officer("paichusuo"), Whistled(CommitteeCase), a, Scope));
    }
}

internal static class Representatives
{
    /// <summary>姚建华, 人大代表 for 张泾村.</summary>
    public const string Yao = "rep-yao-jianhua";
}
