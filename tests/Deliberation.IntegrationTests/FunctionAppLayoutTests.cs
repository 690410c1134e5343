using System.Text.Json.Nodes;
using Deliberation.Storage.Queues;

namespace Deliberation.IntegrationTests;

/// <summary>host.json is what the Functions host reads in Azure (and the standalone host reads its queue settings).</summary>
public sealed class FunctionAppLayoutTests
{
    [Fact]
    public void HostJson_IsForTheIsolatedWorkerWithDurableTaskAndQueueSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Azurite.RepoRoot, "host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());

        // The isolated worker brings its own extensions (the WorkerExtensions build): no bundle, no custom handler.
        Assert.Null(host["customHandler"]);
        Assert.Null(host["extensionBundle"]);
        Assert.Equal("api", host["extensions"]!["http"]!["routePrefix"]!.GetValue<string>());
        var durable = host["extensions"]!["durableTask"]!;
        Assert.False(string.IsNullOrEmpty(durable["hubName"]!.GetValue<string>()));
        Assert.Equal("AzureStorage", durable["storageProvider"]!["type"]!.GetValue<string>());
        var settings = QueueSettings.FromHostJson(host.ToJsonString());
        Assert.Equal(16, settings.BatchSize);
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.VisibilityTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.MaxPollingInterval);
    }

    [Fact]
    public void QueueSettings_MissingSection_KeepFunctionsDefaults()
    {
        var settings = QueueSettings.FromHostJson("""{ "version": "2.0" }""");
        Assert.Equal(5, settings.MaxDequeueCount);
        Assert.Equal(16, settings.BatchSize);
        Assert.Throws<InvalidDataException>(() => QueueSettings.FromHostJson("""{ "extensions": { "queues": { "batchSize": 64 } } }"""));
    }
}
