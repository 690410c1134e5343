using System.Text.Json.Nodes;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Tests.Workflow;

namespace Deliberation.Domain.Tests.Directory;

public sealed class TownFileTests
{
    private static readonly string DemoTown = File.ReadAllText(RepoFiles.Path("functions", "Deliberation.Api", "Data", "demo-town.json"));

    private static JsonObject Demo() => JsonNode.Parse(DemoTown)!.AsObject();

    private static JsonObject Unit(JsonObject town, string id) =>
        town["units"]!.AsArray().Select(u => u!.AsObject()).Single(u => (string?)u["id"] == id);

    private static JsonObject Category(JsonObject town, string id) =>
        town["catalogue"]!.AsArray().Select(c => c!.AsObject()).Single(c => (string?)c["id"] == id);

    [Fact]
    public void DemoTown_Parse_HasTheDispatchCentreAndDefaultPolicy()
    {
        var town = TestTown.File;

        Assert.Equal("dispatch", town.Directory.DispatchCentre);
        Assert.Equal(UnitKind.DispatchCentre, town.Directory.GetUnit("dispatch").Kind);
        Assert.Equal(["sp-zhangjing-beidai", "sp-zhangjing-dongzhai"], town.Directory.ServicePointsOf("v-zhangjing").Select(u => u.Id).Order());
        Assert.Equal(new Deliberation.Domain.Workflow.WorkflowPolicy().Respond, town.Policy.Respond);
    }

    [Fact]
    public void MeetingRules_QuorumOfNobodyOrMajorityOfNobodyOrAll_AreRejectedNamingTheFields()
    {
        var town = Demo();
        var meetings = town["policy"]!["meetings"]!.AsObject();
        meetings["Hearing"]!["quorum"] = "0/3";
        meetings["VillageRepresentatives"]!["majority"] = "1/1";
        meetings["ResidentsCouncil"]!["majority"] = "0/2";

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("policy.meetings.Hearing.quorum", error.Message, StringComparison.Ordinal);
        Assert.Contains("policy.meetings.VillageRepresentatives.majority", error.Message, StringComparison.Ordinal);
        Assert.Contains("policy.meetings.ResidentsCouncil.majority", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServicePoint_UnknownVillage_IsRejectedNamingTheField()
    {
        var town = Demo();
        Unit(town, "sp-zhangjing-dongzhai")["village"] = "v-nowhere";

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("units.sp-zhangjing-dongzhai.village", error.Message, StringComparison.Ordinal);
        Assert.Contains("v-nowhere", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServicePoint_VillageThatIsADepartment_IsRejected()
    {
        var town = Demo();
        Unit(town, "sp-zhangjing-dongzhai")["village"] = "chengguan";

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("units.sp-zhangjing-dongzhai.village", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Category_DepartmentThatIsACommittee_IsRejectedNamingTheField()
    {
        var town = Demo();
        Category(town, "environment")["department"] = "v-zhangjing";

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("catalogue.environment.department", error.Message, StringComparison.Ordinal);
        Assert.Contains("'v-zhangjing' is not a department", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Place_CoveredByTwoServicePoints_IsRejectedNamingBoth()
    {
        var town = Demo();
        Unit(town, "sp-hetang-nanzhai")["places"]!.AsArray().Add("东宅");

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("places: '东宅'", error.Message, StringComparison.Ordinal);
        Assert.Contains("sp-zhangjing-dongzhai and sp-hetang-nanzhai", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeveralErrors_AreAllReported()
    {
        var town = Demo();
        Unit(town, "sp-zhangjing-dongzhai")["village"] = "v-nowhere";
        Category(town, "parking")["department"] = "nobody";

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("units.sp-zhangjing-dongzhai.village", error.Message, StringComparison.Ordinal);
        Assert.Contains("catalogue.parking.department", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DispatchCentre_NotAUnit_IsRejectedNamingTheField()
    {
        var town = Demo();
        town["dispatchCentre"] = "chengguan";

        var error = Assert.Throws<InvalidDataException>(() => TownFile.Parse(town.ToJsonString()));

        Assert.Contains("dispatchCentre", error.Message, StringComparison.Ordinal);
    }
}
