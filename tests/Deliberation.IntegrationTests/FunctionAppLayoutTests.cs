using System.Text.Json.Nodes;
using Deliberation.Storage.Queues;

namespace Deliberation.IntegrationTests;

/// <summary>host.json is what the Functions host reads in Azure (and the standalone host reads its queue settings).</summary>
public sealed class FunctionAppLayoutTests
{
    [Fact]
    public void HostJson_HasCustomHandlerAndQueueSettings()
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Azurite.RepoRoot, "host.json")))!;
        Assert.Equal("2.0", host["version"]!.GetValue<string>());
        Assert.Equal("Deliberation.Host", host["customHandler"]!["description"]!["defaultExecutablePath"]!.GetValue<string>());
        Assert.True(host["customHandler"]!["enableForwardingHttpRequest"]!.GetValue<bool>());
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
