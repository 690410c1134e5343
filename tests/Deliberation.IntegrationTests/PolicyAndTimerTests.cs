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
    public async Task DeadlineMessageArrivingBeforeItsTime_IsReArmedNotApplied()
    {
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await app.PumpAsync();
        var state = (await app.Service<CaseRuntime>().Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;

        // A timer ten days out cannot wait in one queue message (7 days at most): it arrives early and is sent on.
        var due = new DeadlineDue(DeadlineDue.IdFor(DeadlineKind.Acknowledge, state.Phase), app.Clock.GetUtcNow(), DeadlineKind.Acknowledge, state.Phase, app.Clock.GetUtcNow().AddDays(10));
        await app.Storage.CaseEvents.SendMessageAsync(JsonSerializer.Serialize(new CaseEnvelope(caseId, due), StorageJson.Store.CaseEnvelope));
        await app.PumpAsync();

        Assert.Equal(0, await app.CountTimelineAsync(caseId, "Escalated"));
        var properties = (await app.Storage.CaseEvents.GetPropertiesAsync()).Value;
        Assert.True(properties.ApproximateMessagesCount >= 1, "The early deadline was not sent on.");
        Assert.DoesNotContain((await app.Storage.CaseEvents.PeekMessagesAsync(32)).Value, m => m.Body.ToString().Contains(caseId, StringComparison.Ordinal) && m.Body.ToString().Contains("deadline", StringComparison.Ordinal));
    }
}
