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

        // The WeChat inbox is a queue (a queue trigger under Functions, a listener here): a message that cannot be
        // handled is retried maxDequeueCount times, then set aside, while the next one is handled.
        var inbox = app.Storage.Queue(app.Storage.Names.WeChatInbox);
        await inbox.SendMessageAsync("{ this is not a late WeChat text");
        await inbox.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(new Deliberation.Storage.WeChatLateIntake("oFollower-poison-test", "90001", "东宅路口的垃圾桶满了没人清运"), Deliberation.Storage.StorageJson.Store.WeChatLateIntake));

        var poison = app.Storage.Queue(app.Storage.Names.WeChatInbox + "-poison");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await poison.PeekMessagesAsync(10)).Value.Length == 0 || await CaseCountAsync(app) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The bad message did not reach the poison queue, or the good one did not flow.");
            await Task.Delay(200);
        }

        var poisoned = Assert.Single((await poison.PeekMessagesAsync(10)).Value);
        Assert.Equal("{ this is not a late WeChat text", poisoned.Body.ToString());
        Assert.DoesNotContain((await inbox.PeekMessagesAsync(32)).Value, m => m.Body.ToString() == poisoned.Body.ToString());
        File.Delete(hostJson);
    }

    private static async Task<int> CaseCountAsync(DeliberationApp app)
    {
        var count = 0;
        await foreach (var _ in app.Storage.Cases.QueryAsync<Azure.Data.Tables.TableEntity>(filter: "RowKey eq 'state'", select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }
}
