using Deliberation.Domain.Directory;
using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Tests.Routing;

/// <summary>The dispatch catalogue of the demo town applied to residents' texts.</summary>
public sealed class RouterTests
{
    private static TownDirectory Town => TestTown.Directory;

    [Fact]
    public void Rubbish_AtPlaceAServicePointCovers_GoesToThatServicePoint()
    {
        var result = Router.Route(Town, "东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", null, null);

        Assert.Equal(new RoutingResult("sp-zhangjing-dongzhai", Tier.ServicePoint, "environment", "v-zhangjing", Urgency.Normal, false, result.Reason), result);
    }

    [Fact]
    public void Rubbish_PlaceOnlyInText_GoesToTheServicePointCoveringIt()
    {
        var result = Router.Route(Town, "荷塘桥下面有人乱倒垃圾", null, null, null);

        Assert.Equal(("sp-hetang-nanzhai", "v-hetang", false), (result.UnitId, result.Village, result.Triage));
    }

    [Fact]
    public void Parking_AtServicePointPlace_GoesToTheVillageCommittee()
    {
        var result = Router.Route(Town, "张泾路上车辆乱停，经常堵路", null, null, null);

        Assert.Equal(("v-zhangjing", Tier.Village, "parking", false), (result.UnitId, result.Tier, result.Category, result.Triage));
    }

    [Fact]
    public void IllegalBuilding_AtServicePointPlace_GoesToChengguan()
    {
        var result = Router.Route(Town, "有人在院子里私搭乱建阳光房", "馨桥苑", null, null);

        Assert.Equal(("chengguan", Tier.Department, "illegal-building", "v-qiaonan", false), (result.UnitId, result.Tier, result.Category, result.Village, result.Triage));
    }

    [Fact]
    public void KnownCategory_UnknownPlace_TriageAtDispatchCentre()
    {
        var result = Router.Route(Town, "路边垃圾没人清运", "火星路1号", null, null);

        Assert.True(result.Triage);
        Assert.Equal(("dispatch", Tier.Town, "environment"), (result.UnitId, result.Tier, result.Category));
        Assert.Null(result.Village);
        Assert.Contains("place", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKeyword_KnownPlace_TriageAtDispatchCentreWithoutCategory()
    {
        var result = Router.Route(Town, "想了解一下办事的流程", "东宅", null, null);

        Assert.True(result.Triage);
        Assert.Equal("dispatch", result.UnitId);
        Assert.Null(result.Category);
        Assert.Equal("v-zhangjing", result.Village);
    }

    [Fact]
    public void EmergencyKeyword_NoCategory_StraightToDispatchCentreWithoutTriage()
    {
        var result = Router.Route(Town, "东宅有很重的煤气味，怀疑燃气泄漏", null, null, null);

        Assert.Equal(("dispatch", Tier.Town, Urgency.Emergency, false), (result.UnitId, result.Tier, result.Urgency, result.Triage));
    }

    [Fact]
    public void EmergencyKeyword_ServicePointCategory_StraightToTheCategoryDepartment()
    {
        // Rubbish is a service-point matter, but a fire skips the lower tiers.
        var result = Router.Route(Town, "东宅垃圾堆着火了", null, null, null);

        Assert.Equal(("shirongsuo", Tier.Department, "environment", Urgency.Emergency, false), (result.UnitId, result.Tier, result.Category, result.Urgency, result.Triage));
    }

    [Fact]
    public void EmergencyKeyword_UnknownPlace_IsNotTriaged()
    {
        var result = Router.Route(Town, "燃气泄漏了！", "火星路1号", null, null);

        Assert.False(result.Triage);
        Assert.Equal(Urgency.Emergency, result.Urgency);
    }

    [Fact]
    public void EmergencyHint_NoEmergencyKeyword_IsHonoured()
    {
        var result = Router.Route(Town, "东宅路口的垃圾桶满了", null, null, Urgency.Emergency);

        Assert.Equal(("shirongsuo", Urgency.Emergency), (result.UnitId, result.Urgency));
    }

    [Fact]
    public void OperatorCategoryHint_TextWithOtherKeywords_HintWins()
    {
        var result = Router.Route(Town, "东宅路口的垃圾桶满了好几天没人清运", "东宅", "parking", null);

        Assert.Equal(("v-zhangjing", "parking"), (result.UnitId, result.Category));
    }

    [Fact]
    public void UnknownCategoryHint_FallsBackToKeywords()
    {
        var result = Router.Route(Town, "东宅路口的垃圾桶满了", null, "no-such-category", null);

        Assert.Equal(("sp-zhangjing-dongzhai", "environment"), (result.UnitId, result.Category));
    }

    [Fact]
    public void KeywordClassifier_TwoCategoriesMatch_MoreMatchedCharactersWin()
    {
        // property: 楼道 (2); environment: 堆物 + 垃圾 (4).
        Assert.Equal("environment", KeywordClassifier.Classify(Town, "楼道里堆物和垃圾很多")?.Id);
        // property: 楼道 + 漏水 (4); environment: 垃圾 (2).
        Assert.Equal("property", KeywordClassifier.Classify(Town, "楼道漏水，还有垃圾")?.Id);
    }

    [Fact]
    public void NextTier_FromServicePoint_ClimbsVillageThenCategoryDepartmentThenDispatchCentreThenNothing()
    {
        Assert.Equal("v-zhangjing", Router.NextTier(Town, "sp-zhangjing-dongzhai", "environment")?.Id);
        Assert.Equal("shirongsuo", Router.NextTier(Town, "v-zhangjing", "environment")?.Id);
        Assert.Equal("dispatch", Router.NextTier(Town, "shirongsuo", "environment")?.Id);
        Assert.Null(Router.NextTier(Town, "dispatch", "environment"));
    }

    [Fact]
    public void NextTier_CommitteeWithoutCategory_GoesToDispatchCentre()
    {
        Assert.Equal("dispatch", Router.NextTier(Town, "v-hetang", null)?.Id);
    }

    [Fact]
    public void NextTier_ParkingAtCommittee_GoesToThePolice()
    {
        Assert.Equal("paichusuo", Router.NextTier(Town, "v-qiaonan", "parking")?.Id);
    }
}
