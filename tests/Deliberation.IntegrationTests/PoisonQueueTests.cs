namespace Deliberation.IntegrationTests;

public sealed class PoisonQueueTests
{
    [Fact]
    public async Task MalformedMessage_FailingMaxDequeueCountTimes_MovesToPoisonQueueWhileOthersFlow()
    {
        // A host.json of this test's own, read the way the host reads its extensions.queues section.
        var hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(hostJson, """
            { "version": "2.0", "extensions": { "queues": { "batchSize": 4, "maxDequeueCount": 2, "visibilityTimeout": "00:00:00", "maxPollingInterval": "00:00:00.200" } } }
            """);
        await using var app = new DeliberationApp(listeners: true, settings: new Dictionary<string, string?> { ["Town:HostJson"] = hostJson });
        _ = app.Server;

        await app.Storage.CaseEvents.SendMessageAsync("{ this is not a case message");
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");

        var poison = app.Storage.Queue(app.Storage.Names.CaseEvents + "-poison");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await poison.PeekMessagesAsync(10)).Value.Length == 0 || await app.StatusOfAsync(caseId) != "Dispatched")
        {
            Assert.True(DateTime.UtcNow < deadline, "The bad message did not reach the poison queue, or the good one did not flow.");
            await Task.Delay(200);
        }

        var poisoned = Assert.Single((await poison.PeekMessagesAsync(10)).Value);
        Assert.Equal("{ this is not a case message", poisoned.Body.ToString());
        Assert.DoesNotContain((await app.Storage.CaseEvents.PeekMessagesAsync(32)).Value, m => m.Body.ToString() == poisoned.Body.ToString());
        File.Delete(hostJson);
    }
}
