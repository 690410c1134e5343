using System.Diagnostics;
using System.Text.Json;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Projections;
using Deliberation.Workflow;
using Deliberation.Workflow.Delivery;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Bench;

/// <summary>
/// Waits until the cases have settled at a status: no delivery left to apply (the <c>deliveries</c> table is empty),
/// every case at the status in the public case list (the read model every decision refreshes; it also tells each case's
/// unit and next deadline), and every case's orchestration idle at the version the list shows (its texts are out) and,
/// after a clock tick, having seen the tick. Three queries a look, under the bench's own label.
/// </summary>
internal sealed class CaseWatch(IServiceProvider services)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(300);
    private static readonly JsonSerializerOptions StatusJson = new(JsonSerializerDefaults.Web);

    private readonly DeliveryLog _deliveries = services.GetRequiredService<DeliveryLog>();
    private readonly CaseProjections _projections = services.GetRequiredService<CaseProjections>();
    private readonly DurableClientAccessor _durable = services.GetRequiredService<DurableClientAccessor>();

    /// <summary>Null once settled; else what was still in hand when <paramref name="timeout"/> ran out.</summary>
    public async Task<string?> WaitAsync(IReadOnlyList<BenchCase> cases, CaseStatus target, string? tick, TimeSpan timeout)
    {
        using var label = StorageRequestCounter.Step(StepLabels.Read);
        var watch = Stopwatch.StartNew();
        string? busy = "not looked yet";
        while (watch.Elapsed < timeout)
        {
            await Task.Delay(Poll);
            busy = await BusyAsync(cases, target, tick);
            if (busy is null)
            {
                return null;
            }
        }

        return busy;
    }

    private async Task<string?> BusyAsync(IReadOnlyList<BenchCase> cases, CaseStatus target, string? tick)
    {
        if (await _deliveries.AnyAsync(CancellationToken.None))
        {
            return "deliveries still waiting to be applied";
        }

        await ReadListAsync(cases);
        var behind = cases.Where(c => c.CaseId is not null && c.Status != target).ToList();
        if (behind.Count > 0)
        {
            var histogram = string.Join(", ", behind.GroupBy(c => c.Status?.ToString() ?? "not listed").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => BenchProgram.Inv($"{g.Key}={g.Count()}")));
            return BenchProgram.Inv($"{behind.Count} case(s) not yet {target}: {histogram}");
        }

        var byId = ByCase(cases);
        var seen = 0;
        await foreach (var instance in _durable.Client.GetAllInstancesAsync(new OrchestrationQuery { PageSize = 1000 }))
        {
            if (!byId.TryGetValue(instance.InstanceId, out var c))
            {
                continue;
            }

            seen++;
            if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed)
            {
                return $"case {c.CaseId}'s orchestration failed: {instance.FailureDetails?.ErrorType}: {instance.FailureDetails?.ErrorMessage}";
            }

            if (instance.IsCompleted)
            {
                continue;
            }

            var status = instance.SerializedCustomStatus is { Length: > 0 } json ? JsonSerializer.Deserialize<CaseRunStatus>(json, StatusJson) : null;
            if (status is not { Idle: true } || status.Version != c.Version)
            {
                return $"case {c.CaseId} still busy";
            }

            if (tick is not null && status.Tick != tick)
            {
                return $"case {c.CaseId} has not seen the tick yet";
            }
        }

        return seen < byId.Count ? BenchProgram.Inv($"{byId.Count - seen} case(s) without an orchestration yet") : null;
    }

    /// <summary>The cases by id (a work order that joined an open case as a co-report shares its id; the first one stands for it).</summary>
    public static Dictionary<string, BenchCase> ByCase(IEnumerable<BenchCase> cases) =>
        cases.Where(c => c.CaseId is not null).GroupBy(c => c.CaseId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Every case's line in the public case list (one partition, a page of up to 1000 a request).</summary>
    private async Task ReadListAsync(IReadOnlyList<BenchCase> cases)
    {
        var byId = cases.Where(c => c.CaseId is not null).ToLookup(c => c.CaseId!, StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var (items, next) = await _projections.ListPublicAsync(null, 1000, continuation, CancellationToken.None);
            foreach (var item in items)
            {
                foreach (var c in byId[item.CaseId])
                {
                    c.Status = item.Status;
                    c.UnitId = item.UnitId;
                    c.Version = item.Version;
                    c.NextDeadlineAt = item.NextDeadlineAt;
                }
            }

            continuation = next;
        }
        while (continuation is not null);
    }
}
