using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Api.Apis;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Workflow.Delivery;
using Microsoft.Extensions.DependencyInjection;
using static Deliberation.Bench.BenchProgram;

namespace Deliberation.Bench;

/// <summary>The run: phases one after another, each with C workers, each waited out until the cases have settled.</summary>
internal sealed class BenchRun(BenchOptions options, BenchClock clock, IServiceProvider services, HttpClient http, List<BenchCase> cases)
{
    private const string OperatorToken = "dev:operator:dispatch:bench";
    private const string AdminToken = "dev:admin:dispatch:bench";

    /// <summary>The tick's own event puts: only a moved clock needs them (in production timers fire on real time).</summary>
    private const string TickLabel = "bench-tick";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Columns in this order first; any other label follows.</summary>
    private static readonly string[] KnownColumns =
        [StepLabels.Intake, StepLabels.Acknowledge, StepLabels.Respond, StepLabels.Apply, StepLabels.Notify, StepLabels.Engine, "reconciler", "sweep"];

    private readonly StorageRequestCounter _counter = services.GetRequiredService<StorageRequestCounter>();
    private readonly CaseWatch _watch = new(services);
    private readonly List<(string Name, TimeSpan Wall, IReadOnlyDictionary<string, long> Requests)> _phases = [];
    private readonly List<double> _ackMs = [];
    private readonly List<double> _respondMs = [];
    private readonly List<string> _errors = [];
    private readonly Lock _gate = new();
    private int _lateAnswers;
    private double _idleRequestsPerSecond;
    private TimeSpan _lifecycle;
    private TimeSpan _advanced;
    private string? _failure;

    public async Task<bool> ExecuteAsync()
    {
        await WarmUpAsync();
        _idleRequestsPerSecond = await IdleBaselineAsync();
        var total = Stopwatch.StartNew();
        try
        {
            if (!await Phase("intake", cases, Intake, CaseStatus.Dispatched))
            {
                return false;
            }

            // A work order that joined an open case (same matter, same place) is acted on through that case.
            var distinct = CaseWatch.ByCase(cases).Values.ToList();
            return await Phase("acknowledge", distinct, c => Act(c, "acknowledge", null, _ackMs), CaseStatus.Acknowledged)
                && await Phase("respond", distinct, c => Act(c, "respond", new ReplyRequest("已安排人员处理，感谢您的反映。"), _respondMs), CaseStatus.Responded)
                && await Advance("publish", CaseStatus.PublicReview)
                && await Advance("close", CaseStatus.Closed);
        }
        finally
        {
            _lifecycle = total.Elapsed;
        }
    }

    /// <summary>Runs the HTTP pipeline once per endpoint so the first timed requests do not pay for JIT; no case is made.</summary>
    private async Task WarmUpAsync()
    {
        for (var i = 0; i < 3; i++)
        {
            using var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative));
            using var read = new HttpRequestMessage(HttpMethod.Get, "/api/cases/000000000000");
            read.Headers.Authorization = new("Bearer", AdminToken);
            using var notFound = await http.SendAsync(read);
            using var invalid = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/workorders")
            {
                Content = JsonContent.Create(new WorkOrderRequest("138", "", null, null, null, null, null), options: Json),
            };
            invalid.Headers.Authorization = new("Bearer", OperatorToken);
            using var rejected = await http.SendAsync(invalid);
            using var act = new HttpRequestMessage(HttpMethod.Post, "/api/cases/000000000000/acknowledge");
            act.Headers.Authorization = new("Bearer", AdminToken);
            using var missing = await http.SendAsync(act);
        }
    }

    /// <summary>What the idle app costs (queue polls of the engine, the reconciler's look): included in the figures below.</summary>
    private async Task<double> IdleBaselineAsync()
    {
        var before = _counter.Total;
        var watch = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (_counter.Total - before) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>One phase: C workers over the cases, then waits until every case has settled at <paramref name="target"/>.</summary>
    private async Task<bool> Phase(string name, List<BenchCase> items, Func<BenchCase, Task<bool>> step, CaseStatus target, string? tick = null)
    {
        var before = _counter.Snapshot();
        var watch = Stopwatch.StartNew();
        var ok = true;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (c, _) =>
        {
            if (!await step(c))
            {
                ok = false;
            }
        });
        var stepped = watch.Elapsed;
        if (await _watch.WaitAsync(cases, target, tick, options.PhaseTimeout) is { } busy)
        {
            _failure = Inv($"{name}: not settled at {target} after {options.PhaseTimeout.TotalSeconds:F0} s: {busy}");
            ok = false;
        }

        var wall = watch.Elapsed;
        var after = _counter.Snapshot();
        var delta = after.Keys.ToDictionary(k => k, k => after[k] - before.GetValueOrDefault(k), StringComparer.Ordinal);
        _phases.Add((name, wall, delta));
        Console.WriteLine(Inv($"  {name,-12} {wall.TotalSeconds,7:F2} s (requests done in {stepped.TotalSeconds:F2} s){(ok ? "" : "  (incomplete)")}"));
        return ok;
    }

    /// <summary>Moves the clock just past the latest pending deadline of the cases, tells them (a tick), and waits for <paramref name="target"/>.</summary>
    private async Task<bool> Advance(string name, CaseStatus target)
    {
        var latest = cases.Where(c => c.NextDeadlineAt is not null).Select(c => c.NextDeadlineAt!.Value).DefaultIfEmpty(clock.GetUtcNow()).Max();
        var by = latest + TimeSpan.FromMinutes(1) - clock.GetUtcNow();
        if (by > TimeSpan.Zero)
        {
            clock.Advance(by);
            _advanced += by;
            Console.WriteLine(Inv($"  (clock +{by.TotalHours:F1} h, now {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC)"));
        }

        string tick;
        using (StorageRequestCounter.Step(TickLabel))
        {
            var running = CaseWatch.ByCase(cases).Values.Where(c => c.Status != CaseStatus.Closed).Select(c => c.CaseId!).ToList();
            tick = await services.GetRequiredService<DurableCaseRuntime>().TickAsync(running, CancellationToken.None);
        }

        return await Phase(name, [], _ => Task.FromResult(true), target, tick);
    }

    private async Task<bool> Intake(BenchCase c)
    {
        var body = new WorkOrderRequest(c.Phone, c.Text, c.Place, null, null, null, c.CallId);
        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/workorders") { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new("Bearer", OperatorToken);
        using var response = await http.SendAsync(request);
        c.IntakeMs = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            return await Fail("intake", c, response);
        }

        var accepted = await response.Content.ReadFromJsonAsync<WorkOrderAccepted>(Json);
        c.CaseId = accepted!.CaseId;
        c.Status = accepted.Status;
        return true;
    }

    /// <summary>A staff action as an officer of the unit the case's list line names (an Idempotency-Key makes a retry the same message).</summary>
    private async Task<bool> Act(BenchCase c, string action, object? body, List<double> latencies)
    {
        if (c.CaseId is null || c.UnitId is null)
        {
            lock (_gate)
            {
                _errors.Add(Inv($"{action} case #{c.Index} {c.CaseId}: no unit known for the case (not listed), not sent"));
            }

            return false;
        }

        var watch = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{c.CaseId}/{action}")
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json),
        };
        request.Headers.Authorization = new("Bearer", $"dev:officer:{c.UnitId}:bench");
        request.Headers.Add("Idempotency-Key", Inv($"bench-{action}-{c.Index}"));
        using var response = await http.SendAsync(request);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            return await Fail(action, c, response);
        }

        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            Interlocked.Increment(ref _lateAnswers);
        }

        lock (_gate)
        {
            latencies.Add(elapsed);
        }

        return true;
    }

    private async Task<bool> Fail(string step, BenchCase c, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        lock (_gate)
        {
            _errors.Add(Inv($"{step} case #{c.Index} {c.CaseId} (unit {c.UnitId ?? "?"}): HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}"));
        }

        return false;
    }

    public void Report()
    {
        var n = cases.Count;
        var filed = cases.Count(c => c.CaseId is not null);
        var distinct = CaseWatch.ByCase(cases).Values.ToList();
        var closed = distinct.Count(c => c.Status == CaseStatus.Closed);
        var intake = cases.Where(c => c.CaseId is not null).Select(c => c.IntakeMs).ToList();
        var totals = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, _, requests) in _phases)
        {
            foreach (var (label, count) in requests)
            {
                totals[label] = totals.GetValueOrDefault(label) + count;
            }
        }

        var columns = KnownColumns.Concat(totals.Keys.Where(k => k is not StepLabels.Read && !KnownColumns.Contains(k)).Order(StringComparer.Ordinal)).ToList();
        var perCase = (double)Workflow(totals) / Math.Max(distinct.Count, 1);

        Console.WriteLine();
        Console.WriteLine(Inv($"work orders       {n} (filed {filed}: {distinct.Count} cases, {filed - distinct.Count} joined an open case as co-reports); {closed} cases closed"));
        Console.WriteLine(Inv($"concurrency       {options.Concurrency}"));
        Console.WriteLine(Inv($"wall time         {_lifecycle.TotalSeconds:F2} s intake → closed (clock advanced {_advanced.TotalDays:F1} days)"));
        Console.WriteLine(Inv($"throughput        {closed / _lifecycle.TotalSeconds:F2} cases/s through the whole lifecycle"));
        Console.WriteLine(Inv($"intake            {Percentiles(intake)}  (POST /api/hotline/workorders)"));
        Console.WriteLine(Inv($"acknowledge       {Percentiles(_ackMs)}"));
        Console.WriteLine(Inv($"respond           {Percentiles(_respondMs)}  ({_lateAnswers} action(s) answered 202: not applied within the apply wait)"));
        Console.WriteLine(Inv($"storage requests  {perCase:F1} per case, every label but the bench's own reads and ticks (engine included)"));
        Console.WriteLine(Inv($"idle background   {_idleRequestsPerSecond:F1} storage requests/s (engine queue polls, reconciler; included)"));
        Console.WriteLine(Inv($"failures          {_errors.Count} failed request(s)"));

        Console.WriteLine();
        Console.WriteLine("Storage requests per case, by phase and label (a phase lasts until its cases have settled)");
        var header = Inv($"{"phase",-12} {"wall s",7}") + string.Concat(columns.Select(c => Inv($" {Short(c),11}"))) + Inv($" {"workflow",9} {"bench",7}");
        Console.WriteLine(header);
        Console.WriteLine(new string('-', header.Length));
        foreach (var (name, wall, requests) in _phases)
        {
            Console.WriteLine(Row(name, wall, requests));
        }

        Console.WriteLine(new string('-', header.Length));
        Console.WriteLine(Row("total", _lifecycle, totals));
        Console.WriteLine("(apply/notify: the two activities; engine: the task hub's queues, history, instances and leases; bench: its waits' reads and clock ticks, not in workflow)");
        if (_errors.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(Inv($"{_errors.Count} failed requests; the first ones:"));
            foreach (var e in _errors.Take(5))
            {
                Console.WriteLine("  " + e);
            }
        }

        if (_failure is not null)
        {
            Console.WriteLine();
            Console.WriteLine("INCOMPLETE: " + _failure);
        }

        Console.WriteLine();
        Console.WriteLine(Inv($"cases={n} closed={closed} concurrency={options.Concurrency} wall_s={_lifecycle.TotalSeconds:F2} cases_per_s={closed / _lifecycle.TotalSeconds:F2} intake_p50_ms={P(intake, 50):F1} intake_p95_ms={P(intake, 95):F1} intake_p99_ms={P(intake, 99):F1} ack_p99_ms={P(_ackMs, 99):F1} respond_p99_ms={P(_respondMs, 99):F1} storage_requests_per_case={perCase:F1} failures={_errors.Count}"));

        string Row(string name, TimeSpan wall, IReadOnlyDictionary<string, long> requests) =>
            Inv($"{name,-12} {wall.TotalSeconds,7:F2}")
            + string.Concat(columns.Select(c => Inv($" {PerCase(requests.GetValueOrDefault(c)),11}")))
            + Inv($" {PerCase(Workflow(requests)),9} {PerCase(requests.GetValueOrDefault(StepLabels.Read) + requests.GetValueOrDefault(TickLabel)),7}");

        string PerCase(long count) => count == 0 ? "." : Inv($"{(double)count / Math.Max(distinct.Count, 1):F2}");
    }

    private static string Short(string label) => label switch
    {
        StepLabels.Apply => "apply",
        StepLabels.Notify => "notify",
        _ => label.Length > 11 ? label[..11] : label,
    };

    private static long Workflow(IReadOnlyDictionary<string, long> requests) =>
        requests.Where(p => p.Key is not (StepLabels.Read or TickLabel)).Sum(p => p.Value);

    private static string Percentiles(List<double> values) =>
        Inv($"p50 {P(values, 50),7:F1} ms  p95 {P(values, 95),7:F1} ms  p99 {P(values, 99),7:F1} ms  max {P(values, 100),7:F1} ms  (n={values.Count})");

    /// <summary>Nearest-rank percentile; NaN for no samples.</summary>
    private static double P(List<double> values, int percentile)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}
