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

    [Fact]
    public async Task PoisonedMessage_CountedForAdmins_RedrivenByAnAdmin_ThenProcessed_AndRefusedToOthers()
    {
        await using var app = new DeliberationApp(listeners: true);
        _ = app.Server;

        // A WeChat text whose intake failed every attempt while, say, storage was throttling: it waits in the poison queue.
        var poison = app.Storage.Queue(app.Storage.Names.WeChatInbox + "-poison");
        await poison.SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(new Deliberation.Storage.WeChatLateIntake("oFollower-redrive-test", "90002", "东宅路口的垃圾桶满了没人清运"), Deliberation.Storage.StorageJson.Store.WeChatLateIntake));

        var anonymous = await app.CreateClient().GetAsync("/api/operations/poison");
        var dispatcherList = await app.As("dispatcher", "dispatch").GetAsync("/api/operations/poison");
        var officerRedrive = await app.As("officer", "sp-zhangjing-dongzhai").PostAsync("/api/operations/poison/redrive", null);
        var counts = await app.Admin().GetFromJsonAsync<JsonElement>("/api/operations/poison", DeliberationApp.Json);
        await Task.Delay(500);
        var casesBefore = await CaseCountAsync(app);
        var unknownQueue = await app.Admin().PostAsync("/api/operations/poison/redrive?queue=no-such-queue", null);
        var redrive = await app.Admin().PostAsync("/api/operations/poison/redrive", null);
        var moved = await redrive.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CaseCountAsync(app) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The re-driven message was not processed.");
            await Task.Delay(200);
        }

        var after = await app.Admin().GetFromJsonAsync<JsonElement>("/api/operations/poison", DeliberationApp.Json);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dispatcherList.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, officerRedrive.StatusCode);
        var inbox = Assert.Single(counts.GetProperty("queues").EnumerateArray());
        Assert.Equal(app.Storage.Names.WeChatInbox, inbox.GetProperty("queue").GetString());
        Assert.Equal(1, inbox.GetProperty("messages").GetInt32());
        Assert.Equal(0, casesBefore); // nothing handles a poisoned message until it is re-driven
        Assert.Equal(HttpStatusCode.NotFound, unknownQueue.StatusCode);
        Assert.Equal(HttpStatusCode.OK, redrive.StatusCode);
        Assert.Equal(1, Assert.Single(moved.GetProperty("queues").EnumerateArray()).GetProperty("moved").GetInt32());
        Assert.Equal(0, Assert.Single(after.GetProperty("queues").EnumerateArray()).GetProperty("messages").GetInt32());
        Assert.Empty((await poison.PeekMessagesAsync(10)).Value);
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
