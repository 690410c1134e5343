using System.Text.Json.Nodes;
using Deliberation.Functions.Digest;
using Deliberation.Functions.Http;
using Deliberation.Functions.Tests.Infrastructure;
using Deliberation.Functions.WeChat;
using Deliberation.IntegrationTests.Infrastructure;
using Deliberation.Workflow;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Functions.Tests;

/// <summary>What <c>dotnet publish</c> makes for Azure: the functions the host will index, its extensions, host.json.</summary>
public sealed class PublishTests(PublishedFunctionsApp published, StandaloneHost host) : IClassFixture<PublishedFunctionsApp>, IClassFixture<StandaloneHost>
{
    [Fact]
    public void FunctionsMetadata_HasAnHttpTriggerForEveryEndpointOfTheStandaloneHost()
    {
        var triggers = Metadata()
            .SelectMany(f => f["bindings"]!.AsArray().Select(b => b!))
            .Where(b => b["type"]!.GetValue<string>() == "httpTrigger")
            .Select(b => $"{b["methods"]!.AsArray().Single()!.GetValue<string>().ToUpperInvariant()} /{HttpFunction.RoutePrefix}/{b["route"]!.GetValue<string>()}")
            .ToHashSet();

        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith($"/{HttpFunction.RoutePrefix}/", StringComparison.Ordinal)) // the API; not the OpenAPI document
            .SelectMany(e => ApiEndpoints.Methods(e).Select(m => $"{m} {ApiEndpoints.Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        Assert.Equal(endpoints.Order(StringComparer.Ordinal), triggers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FunctionsMetadata_HasTheWeChatInboxQueueAndTheDailyDigestTimer()
    {
        var functions = Metadata().ToDictionary(f => f["name"]!.GetValue<string>());

        var queue = functions["WeChatInbox"]!["bindings"]![0]!;
        Assert.Equal("queueTrigger", queue["type"]!.GetValue<string>());
        Assert.Equal($"%{WeChatInboxFunction.QueueSetting}%", queue["queueName"]!.GetValue<string>());

        var digest = functions["DailyDigest"]!;
        Assert.Equal("timerTrigger", digest["bindings"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(DailyDigestFunction.Schedule, digest["bindings"]![0]!["schedule"]!.GetValue<string>());
        Assert.Equal(5, digest["retry"]!["maxRetryCount"]!.GetValue<int>());
    }

    [Fact]
    public void DailyDigestSchedule_IsTheDigestsSendTimeInShanghaiInUtc()
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var sendAt = Deliberation.Domain.Notifications.DailyDigest.SendTimeOf(new DateOnly(2026, 11, 24), shanghai).UtcDateTime;
        Assert.Equal(DailyDigestFunction.Schedule, $"{sendAt.Second} {sendAt.Minute} {sendAt.Hour} * * *");
    }

    [Fact]
    public void FunctionsMetadata_HasTheWorkflowsOrchestrationsAndActivities_AndItsTimers()
    {
        var functions = Metadata().ToDictionary(f => f["name"]!.GetValue<string>(), f => f["bindings"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).ToList());
        Assert.All(WorkflowRegistry.Orchestrations.Keys, name => Assert.Contains("orchestrationTrigger", functions[name]));
        Assert.All(WorkflowRegistry.Activities.Keys, name => Assert.Contains("activityTrigger", functions[name]));
        Assert.Equal(
            WorkflowRegistry.Orchestrations.Keys.Concat(WorkflowRegistry.Activities.Keys).Order(StringComparer.Ordinal),
            functions.Where(f => f.Value.Contains("orchestrationTrigger") || f.Value.Contains("activityTrigger")).Select(f => f.Key).Order(StringComparer.Ordinal));
        Assert.Contains("timerTrigger", functions["ReconcileDeliveries"]);
        Assert.Contains("timerTrigger", functions["HousekeepingSweep"]);
        Assert.Contains("durableClient", functions["ReconcileDeliveries"]);
        Assert.Contains("durableClient", functions["WeChatInbox"]);
    }

    [Fact]
    public void Publish_HasTheWorkerExtensionsTheHostLoads_DurableTaskAndQueues()
    {
        var extensions = published.PathOf(".azurefunctions");
        Assert.NotEmpty(Directory.GetFiles(extensions, "Microsoft.Azure.WebJobs.Extensions.DurableTask*.dll"));
        Assert.NotEmpty(Directory.GetFiles(extensions, "Microsoft.Azure.WebJobs.Extensions.Storage.Queues*.dll"));
        var registered = JsonNode.Parse(File.ReadAllText(published.PathOf("extensions.json")))!["extensions"]!.AsArray()
            .Select(e => e!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("DurableTask", registered);
        Assert.Contains("AzureStorageQueues", registered);
    }

    [Fact]
    public void Zip_HasTheBuiltSite_WithEveryScriptAndStyleItsPagesLoad()
    {
        var index = File.ReadAllText(published.PathOf("wwwroot", "index.html"));
        var assets = System.Text.RegularExpressions.Regex.Matches(index, @"(?:src|href)=""/?([^""#?]+\.(?:js|css))""")
            .Select(m => m.Groups[1].Value)
            .ToList();

        Assert.NotEmpty(assets);
        Assert.All(assets, asset => Assert.True(File.Exists(published.PathOf(["wwwroot", .. asset.Split('/')])), $"{asset} is missing from the zip"));
    }

    [Fact]
    public void Publish_HasHostJsonTheWorkerAndTheTownFiles_AndNoCustomHandlerFunctionJson()
    {
        Assert.Equal(File.ReadAllText(Path.Combine(Azurite.RepoRoot, "host.json")), File.ReadAllText(published.PathOf("host.json")));
        var worker = JsonNode.Parse(File.ReadAllText(published.PathOf("worker.config.json")))!["description"]!;
        Assert.Equal("Deliberation.Functions.dll", worker["defaultWorkerPath"]!.GetValue<string>());
        Assert.True(File.Exists(published.PathOf("Data", "demo-town.json")));
        Assert.Empty(Directory.GetFiles(published.Directory, "function.json", SearchOption.AllDirectories));
    }

    private List<JsonNode> Metadata() =>
        [.. JsonNode.Parse(File.ReadAllText(published.PathOf("functions.metadata")))!.AsArray().Select(f => f!)];
}
