using System.Text.Json.Nodes;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests;

public sealed class PolicyAndTimerTests
{
    [Fact]
    public async Task PolicyInTheTownFile_ShortAcknowledgeDeadline_IsWhatTheCaseGets()
    {
        var town = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Azurite.RepoRoot, "functions/Deliberation.Api/Data/demo-town.json")))!;
        town["policy"]!["acknowledge"] = "30 working minutes";
        var file = Path.Combine(Path.GetTempPath(), $"town-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, town.ToJsonString());
        await using var app = new DeliberationApp(settings: new Dictionary<string, string?> { ["Town:DirectoryFile"] = file });

        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await app.PumpAsync();
        Assert.Equal(DeliberationApp.Start.AddMinutes(30), (await app.GetCaseAsync(caseId)).GetProperty("acknowledgeDueAt").GetDateTimeOffset());

        await app.AdvanceAsync(TimeSpan.FromMinutes(31));
        Assert.Equal("v-zhangjing", (await app.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("id").GetString());
        File.Delete(file);
    }

    [Fact]
    public async Task DeadlineLongerThanOneDurableTimer_FiresAtItsTimeAndNotBefore()
    {
        // The public review lasts 7 days: longer than the engine's longest single timer (3 days), so it waits in pieces.
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await app.PumpAsync();
        (await app.ActAsync(caseId, "acknowledge", "officer", "sp-zhangjing-dongzhai")).EnsureSuccessStatusCode();
        (await app.ActAsync(caseId, "respond", "officer", "sp-zhangjing-dongzhai", new { reply = "已清运。" })).EnsureSuccessStatusCode();
        await app.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal("PublicReview", await app.StatusOfAsync(caseId));
        var closesAt = (await app.GetCaseAsync(caseId)).GetProperty("nextDeadlineAt").GetDateTimeOffset();
        Assert.True(closesAt - app.Clock.GetUtcNow() > TimeSpan.FromDays(3), "The review should outlast one durable timer.");

        await app.AdvanceAsync(closesAt - app.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        Assert.Equal("PublicReview", await app.StatusOfAsync(caseId));

        await app.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal("Closed", await app.StatusOfAsync(caseId));
    }
}
