using System.Text.Json;
using Azure.Data.Tables;
using Deliberation.Workflow;
using Deliberation.Workflow.Delivery;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// Waits until the app's workflow has nothing in hand: no delivery waiting to be applied, the WeChat inbox drained, and
/// every running case's orchestration idle (and, after a clock tick, having seen it). A failed orchestration fails the test.
/// </summary>
public sealed class WorkflowSettler(DeliberationApp app)
{
    private static readonly JsonSerializerOptions StatusJson = new(JsonSerializerDefaults.Web);

    public async Task SettleAsync(string? tick = null, TimeSpan? patience = null)
    {
        var until = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        var quiet = 0;
        string? busy = null;
        while (DateTime.UtcNow < until)
        {
            busy = await BusyAsync(tick);
            quiet = busy is null ? quiet + 1 : 0;
            if (quiet >= 2)
            {
                return;
            }

            await Task.Delay(busy is null ? 20 : 50);
        }

        throw new TimeoutException($"The workflow did not settle: {busy}");
    }

    /// <summary>The running cases of this app (by their stored state).</summary>
    public async Task<IReadOnlyList<string>> RunningCasesAsync()
    {
        var ids = new List<string>();
        await foreach (var row in app.Storage.Cases.QueryAsync<TableEntity>(filter: "RowKey eq 'state'", select: ["PartitionKey", "Status"]))
        {
            if (row.GetString("Status") != "Closed")
            {
                ids.Add(row.PartitionKey);
            }
        }

        return ids;
    }

    private async Task<string?> BusyAsync(string? tick)
    {
        if (await new QueuePump(app).DeliverWeChatInboxAsync() > 0)
        {
            return "WeChat inbox";
        }

        if (await app.Services.GetRequiredService<DeliveryLog>().AnyAsync(CancellationToken.None))
        {
            return "deliveries pending";
        }

        var client = app.Services.GetRequiredService<DurableClientAccessor>().Client;
        await foreach (var row in app.Storage.Cases.QueryAsync<TableEntity>(filter: "RowKey eq 'state'", select: ["PartitionKey"]))
        {
            var caseId = row.PartitionKey;
            var instance = await client.GetInstanceAsync(caseId);
            switch (instance)
            {
                case null:
                    return $"{caseId} not started";
                case { RuntimeStatus: OrchestrationRuntimeStatus.Failed }:
                    throw new InvalidOperationException($"Case {caseId}'s orchestration failed: {instance.FailureDetails?.ErrorType}: {instance.FailureDetails?.ErrorMessage}\n{instance.FailureDetails?.StackTrace}");
                case { IsCompleted: true }:
                    continue;
                case { RuntimeStatus: OrchestrationRuntimeStatus.Pending }:
                    return $"{caseId} pending";
            }

            var status = instance.SerializedCustomStatus is { Length: > 0 } json ? JsonSerializer.Deserialize<CaseRunStatus>(json, StatusJson) : null;
            if (status is not { Idle: true })
            {
                return $"{caseId} busy";
            }

            if (tick is not null && status.Tick != tick)
            {
                return $"{caseId} has not seen {tick}";
            }
        }

        return null;
    }
}
