using System.Text;
using System.Text.Json.Nodes;
using Deliberation.Storage.Queues;

namespace Deliberation.IntegrationTests;

/// <summary>
/// The Azure Functions custom-handler contract, with the payload shapes the host documents:
/// POST /{FunctionName} with Data (by binding name) and Metadata; answered with Outputs, Logs and ReturnValue.
/// </summary>
public sealed class CustomHandlerContractTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task QueueTriggerInvocation_AsTheHostSendsIt_IsHandledAndAnsweredInTheContractShape()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        var message = (await _app.Storage.CaseEvents.ReceiveMessagesAsync(1)).Value.Single();

        // The documented shape: the queue item as a string under the binding name, metadata beside it.
        var invocation = $$"""
            {
              "Data": { "message": {{JsonSerializer.Serialize(message.Body.ToString())}} },
              "Metadata": {
                "DequeueCount": 1,
                "ExpirationTime": "2026-12-01T01:00:00+00:00",
                "Id": "{{message.MessageId}}",
                "InsertionTime": "2026-11-24T01:00:00+00:00",
                "NextVisibleTime": "2026-11-24T01:10:00+00:00",
                "PopReceipt": "{{message.PopReceipt}}",
                "sys": { "MethodName": "CaseEvents", "UtcNow": "2026-11-24T01:00:00Z", "RandGuid": "0d4b3d6c-6c56-4a8b-8a8f-0e8b1c2d3e4f" }
              }
            }
            """;
        var response = await _app.CreateClient().PostAsync("/CaseEvents", new StringContent(invocation, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.True(answer.ContainsKey("Outputs"));
        Assert.True(answer.ContainsKey("ReturnValue"));
        Assert.NotEmpty(answer["Logs"]!.AsArray());
        Assert.Equal("Dispatched", await _app.StatusOfAsync(caseId));
    }

    [Fact]
    public async Task QueueItemPassedAsParsedJsonObject_IsAlsoAccepted()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        var message = (await _app.Storage.CaseEvents.ReceiveMessagesAsync(1)).Value.Single();
        var invocation = $$"""{ "Data": { "message": {{message.Body}} }, "Metadata": { "DequeueCount": "1" } }""";
        var response = await _app.CreateClient().PostAsync("/CaseEvents", new StringContent(invocation, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Dispatched", await _app.StatusOfAsync(caseId));
    }

    [Fact]
    public async Task MessageTheHandlerCannotProcess_AnswersNon2xxSoTheHostRetries()
    {
        var invocation = """{ "Data": { "message": "{ not json" }, "Metadata": { "DequeueCount": 1 } }""";
        var response = await _app.CreateClient().PostAsync("/CaseEvents", new StringContent(invocation, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("JsonException", answer["Logs"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task TimerTriggerInvocation_RunsTheSweep()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        _app.Clock.Advance(TimeSpan.FromHours(3));
        var invocation = """
            { "Data": { "timer": { "Schedule": { "AdjustForDST": true }, "ScheduleStatus": { "Last": "2026-11-24T01:00:00Z", "Next": "2026-11-24T01:00:30Z", "LastUpdated": "2026-11-24T01:00:00Z" }, "IsPastDue": false } },
              "Metadata": { "sys": { "MethodName": "DeadlineSweep", "UtcNow": "2026-11-24T01:00:30Z" } } }
            """;
        var response = await _app.CreateClient().PostAsync("/DeadlineSweep", new StringContent(invocation, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Logs\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Escalated"));
    }
}

/// <summary>host.json and the function folders are what the Functions host reads in Azure.</summary>
public sealed class FunctionAppLayoutTests
{
    private static readonly string Output = AppContext.BaseDirectory;

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

    [Theory]
    [InlineData("CaseEvents", "queueTrigger", "case-events")]
    [InlineData("Notifications", "queueTrigger", "notifications")]
    [InlineData("WeChatInbox", "queueTrigger", "wechat-inbox")]
    [InlineData("DeadlineSweep", "timerTrigger", null)]
    [InlineData("DailyDigest", "timerTrigger", null)]
    [InlineData("Api", "httpTrigger", null)]
    public void EveryFunction_HasAFunctionJsonBesideHostJsonInTheBuildOutput(string function, string trigger, string? queue)
    {
        // The build output is what gets deployed: host.json and one folder per function beside the executable.
        Assert.True(File.Exists(Path.Combine(Output, "host.json")));
        var binding = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, function, "function.json")))!["bindings"]![0]!;
        Assert.Equal(trigger, binding["type"]!.GetValue<string>());
        if (queue is not null)
        {
            Assert.Equal(queue, binding["queueName"]!.GetValue<string>());
            Assert.Equal(Deliberation.Api.CustomHandler.CustomHandlerApi.QueueBinding, binding["name"]!.GetValue<string>());
            Assert.Equal(queue, new Deliberation.Storage.StorageNames("").Queues.Single(q => q == queue));
        }
    }

    [Fact]
    public void DailyDigestTimer_Schedule_IsTheDigestsSendTimeInShanghaiInUtc()
    {
        var binding = JsonNode.Parse(File.ReadAllText(Path.Combine(Output, "DailyDigest", "function.json")))!["bindings"]![0]!;
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var sendAt = Deliberation.Domain.Notifications.DailyDigest.SendTimeOf(new DateOnly(2026, 11, 24), shanghai).UtcDateTime;

        // The Functions host reads NCRONTAB (seconds first) in UTC unless WEBSITE_TIME_ZONE says otherwise.
        Assert.Equal($"{sendAt.Second} {sendAt.Minute} {sendAt.Hour} * * *", binding["schedule"]!.GetValue<string>());
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
