using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;
using Deliberation.Api.Apis;
using Deliberation.Api.Hosting;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Bench;

/// <summary>
/// <c>./dev bench</c>: starts the real app in-process against the given storage account, drives hotline
/// cases through the whole lifecycle over HTTP (intake → routing → acknowledge → respond → publish →
/// close) and prints latencies, throughput and storage requests per step. It asserts nothing.
/// </summary>
internal static class BenchProgram
{
    private const string OperatorToken = "dev:operator:dispatch:bench";
    private const string AdminToken = "dev:admin:dispatch:bench";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>What callers say: categories the catalogue handles at a service point or village (no triage, no emergency).</summary>
    private static readonly string[] Texts =
    [
        "路口的垃圾桶满了好几天没人清运",
        "和隔壁邻居因为院墙的事情有纠纷，希望帮忙调解",
        "有人遛狗不牵绳，狗屎到处都是",
        "路边有个坑洼，下雨天积水",
        "晚上广场舞音乐太响，噪音扰民",
    ];

    public static async Task<int> Main(string[] args)
    {
        var options = BenchOptions.Parse(args, out var error);
        if (options is null)
        {
            await Console.Error.WriteLineAsync(error is null ? BenchOptions.Usage : $"bench: {error}\n{BenchOptions.Usage}");
            return error is null ? 0 : 2;
        }

        var clock = new BenchClock();
        await using var app = BuildApp(options, clock);
        var started = Stopwatch.StartNew();
        await app.StartAsync();
        var baseUrl = app.Urls.First();
        var counter = app.Services.GetRequiredService<StorageRequestCounter>();
        var directory = app.Services.GetRequiredService<TownState>().Context.Directory;
        Console.WriteLine(Inv($"Deliberation bench: {options.Cases} hotline cases, concurrency {options.Concurrency}, prefix '{options.Prefix}', app on {baseUrl} (started in {started.Elapsed.TotalSeconds:F1} s)"));

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var run = new Run(options, clock, counter, http, Samples(directory, options.Cases));
        var completed = await run.ExecuteAsync();
        run.Report();
        await app.StopAsync();
        return completed ? 0 : 1;
    }

    /// <summary>The app as Program.cs builds it, plus the bench's clock, configuration and step labels.</summary>
    private static WebApplication BuildApp(BenchOptions options, BenchClock clock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:0",
            ["Storage:ConnectionString"] = options.Connection,
            ["Storage:Prefix"] = options.Prefix,
            ["Runtime:SweepInterval"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddDeliberation();
        StepLabels.LabelBackgroundServices(builder.Services);

        var app = builder.Build();
        app.Use(StepLabels.LabelRequest);
        app.UseDeliberation();
        return app;
    }

    /// <summary>One work order per case: a text from the list at a place some service point covers.</summary>
    private static List<BenchCase> Samples(TownDirectory directory, int count)
    {
        var places = directory.Units.Where(u => u.Kind == UnitKind.ServicePoint).SelectMany(u => u.Places ?? []).ToList();
        return Enumerable.Range(1, count).Select(i => new BenchCase(
            i,
            Texts[i % Texts.Length],
            Inv($"{places[i % places.Count]}{i % 97 + 1}号"),
            Inv($"138{i:D8}"))).ToList();
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One case as the bench follows it.</summary>
    private sealed class BenchCase(int index, string text, string place, string phone)
    {
        public int Index { get; } = index;

        public string Text { get; } = text;

        public string Place { get; } = place;

        public string Phone { get; } = phone;

        public string? CaseId { get; set; }

        public string? UnitId { get; set; }

        public CaseStatus? Status { get; set; }

        public DateTimeOffset? NextDeadlineAt { get; set; }

        public double IntakeMs { get; set; }

        public double? DispatchMs { get; set; }
    }

    private sealed record PhaseFigures(string Name, TimeSpan Wall, int Cases, IReadOnlyDictionary<string, long> Requests);

    /// <summary>The run: phases one after another, each with C workers, each bounded in time.</summary>
    private sealed class Run(BenchOptions options, BenchClock clock, StorageRequestCounter counter, HttpClient http, List<BenchCase> cases)
    {
        private static readonly string[] Columns =
            [StepLabels.Intake, StepLabels.Acknowledge, StepLabels.Respond, StepLabels.CaseEvents, StepLabels.Notifications, StepLabels.Sweep, StepLabels.Other];

        private readonly List<PhaseFigures> _phases = [];
        private readonly List<double> _ackMs = [];
        private readonly List<double> _respondMs = [];
        private readonly List<string> _errors = [];
        private readonly Lock _gate = new();
        private double _idleRequestsPerSecond;
        private TimeSpan _lifecycle;
        private TimeSpan _advanced;
        private string? _failure;
        private bool _verified;

        public async Task<bool> ExecuteAsync()
        {
            await WarmUpAsync();
            _idleRequestsPerSecond = await IdleBaselineAsync();
            var total = Stopwatch.StartNew();
            try
            {
                if (!await Phase("intake", cases, Intake) || !await Phase("routing", cases, _ => WaitAll(CaseStatus.Dispatched, options.PhaseTimeout)))
                {
                    return false;
                }

                var dispatched = cases.Where(c => c.Status == CaseStatus.Dispatched).ToList();
                if (!await Phase("acknowledge", dispatched, c => Act(c, "acknowledge", null, _ackMs))
                    || !await Phase("respond", dispatched, c => Act(c, "respond", new ReplyRequest("已安排人员处理，感谢您的反映。"), _respondMs)))
                {
                    return false;
                }

                if (!await Phase("publish", cases, _ => AdvanceAndWait(CaseStatus.PublicReview)))
                {
                    return false;
                }

                if (!await Phase("close", cases, _ => AdvanceAndWait(CaseStatus.Closed)))
                {
                    return false;
                }
            }
            finally
            {
                _lifecycle = total.Elapsed;
            }

            // The waits above read the unit lists (projections); read every case itself once to confirm.
            foreach (var c in cases)
            {
                c.Status = null;
            }

            _verified = await WaitAll(CaseStatus.Closed, TimeSpan.Zero);
            return _verified;
        }

        /// <summary>Runs the HTTP pipeline (auth, routing, JSON) once per endpoint so the first timed requests do not pay for JIT; no case is made.</summary>
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
            }
        }

        /// <summary>Background requests per second while nothing happens (queue polling, the sweep).</summary>
        private async Task<double> IdleBaselineAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var before = counter.Total;
            var watch = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(3));
            return (counter.Total - before) / watch.Elapsed.TotalSeconds;
        }

        /// <summary>Runs one phase: either work per case on C workers, or a whole-phase step (the waits).</summary>
        private async Task<bool> Phase(string name, List<BenchCase> items, Func<BenchCase?, Task<bool>> step)
        {
            var before = counter.Snapshot();
            var watch = Stopwatch.StartNew();
            bool ok;
            if (name is "routing" or "publish" or "close")
            {
                ok = await step(null);
            }
            else
            {
                var failures = 0;
                await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (item, _) =>
                {
                    if (!await step(item))
                    {
                        Interlocked.Increment(ref failures);
                    }
                });
                ok = failures == 0;
                if (!ok)
                {
                    _failure = Inv($"{name}: {failures} of {items.Count} requests failed");
                }
            }

            var wall = watch.Elapsed;
            await SettleAsync();
            var after = counter.Snapshot();
            var delta = after.Keys.ToDictionary(k => k, k => after[k] - before.GetValueOrDefault(k), StringComparer.Ordinal);
            _phases.Add(new PhaseFigures(name, wall, items.Count, delta));
            Console.WriteLine(Inv($"  {name,-12} {wall.TotalSeconds,7:F2} s{(ok ? "" : "  (incomplete)")}"));
            return ok;
        }

        /// <summary>Lets background work the phase caused (queue messages, notifications) finish before the next phase.</summary>
        private async Task SettleAsync()
        {
            var deadline = Stopwatch.StartNew();
            long Busy() => counter.Snapshot().Where(p => p.Key is StepLabels.CaseEvents or StepLabels.Notifications).Sum(p => p.Value);
            var last = Busy();
            while (deadline.Elapsed < TimeSpan.FromSeconds(5))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(400));
                var now = Busy();
                if (now - last <= 2)
                {
                    return;
                }

                last = now;
            }
        }

        private async Task<bool> Intake(BenchCase? c)
        {
            var body = new WorkOrderRequest(c!.Phone, c.Text, c.Place, null, null, null, Inv($"bench-{c.Index}"));
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

        private async Task<bool> Act(BenchCase? c, string action, object? body, List<double> latencies)
        {
            var watch = Stopwatch.StartNew();
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{c!.CaseId}/{action}")
            {
                Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json),
            };
            request.Headers.Authorization = new("Bearer", $"dev:officer:{c.UnitId}:bench");
            using var response = await http.SendAsync(request);
            var elapsed = watch.Elapsed.TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                return await Fail(action, c, response);
            }

            var view = await response.Content.ReadFromJsonAsync<StaffCaseView>(Json);
            c.Status = view!.Status;
            c.NextDeadlineAt = view.NextDeadlineAt;
            lock (_gate)
            {
                latencies.Add(elapsed);
            }

            return true;
        }

        /// <summary>Moves the clock just past the latest pending deadline of the cases, then waits for the sweep.</summary>
        private async Task<bool> AdvanceAndWait(CaseStatus target)
        {
            var latest = cases.Where(c => c.NextDeadlineAt is not null).Select(c => c.NextDeadlineAt!.Value).DefaultIfEmpty(clock.GetUtcNow()).Max();
            var by = latest + TimeSpan.FromMinutes(1) - clock.GetUtcNow();
            if (by > TimeSpan.Zero)
            {
                clock.Advance(by);
                _advanced += by;
                Console.WriteLine(Inv($"  (clock +{by.TotalHours:F1} h, now {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC)"));
            }

            return await WaitListed(target);
        }

        /// <summary>
        /// Waits for <paramref name="target"/> by listing each unit's cases (one query per unit and round,
        /// the cheap read a unit's screen makes) rather than reading every case, so that the bench's polling
        /// does not compete with the sweep for storage. On a time-out each case is read to report true states.
        /// </summary>
        private async Task<bool> WaitListed(CaseStatus target)
        {
            var watch = Stopwatch.StartNew();
            var byId = cases.Where(c => c.CaseId is not null).ToDictionary(c => c.CaseId!, StringComparer.Ordinal);
            var units = byId.Values.Select(c => c.UnitId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            while (byId.Values.Any(c => c.Status != target))
            {
                if (watch.Elapsed > options.PhaseTimeout)
                {
                    return await WaitAll(target, TimeSpan.Zero);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500));
                await Parallel.ForEachAsync(units, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (unit, ct) =>
                {
                    string? continuation = null;
                    do
                    {
                        var url = Inv($"/api/units/{unit}/cases?pageSize=500") + (continuation is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuation));
                        using var request = new HttpRequestMessage(HttpMethod.Get, url);
                        request.Headers.Authorization = new("Bearer", AdminToken);
                        using var response = await http.SendAsync(request, ct);
                        if (!response.IsSuccessStatusCode)
                        {
                            await Fail("list", byId.Values.First(c => c.UnitId == unit), response);
                            return;
                        }

                        var page = (await response.Content.ReadFromJsonAsync<Page<UnitCaseSummary>>(Json, ct))!;
                        foreach (var item in page.Items)
                        {
                            if (byId.TryGetValue(item.CaseId, out var c))
                            {
                                c.Status = item.Status;
                                c.NextDeadlineAt = item.NextDeadlineAt;
                            }
                        }

                        continuation = page.ContinuationToken;
                    }
                    while (continuation is not null);
                });
            }

            return true;
        }

        /// <summary>
        /// Reads every case not yet at <paramref name="target"/> (as admin), again and again until all are or
        /// <paramref name="timeout"/> has passed (zero: one round).
        /// </summary>
        private async Task<bool> WaitAll(CaseStatus target, TimeSpan timeout)
        {
            var watch = Stopwatch.StartNew();
            while (true)
            {
                var pending = cases.Where(c => c.CaseId is not null && c.Status != target).ToList();
                if (pending.Count == 0)
                {
                    return true;
                }

                await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (c, ct) =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{c.CaseId}");
                    request.Headers.Authorization = new("Bearer", AdminToken);
                    using var response = await http.SendAsync(request, ct);
                    if (!response.IsSuccessStatusCode)
                    {
                        await Fail("read", c, response);
                        return;
                    }

                    var view = (await response.Content.ReadFromJsonAsync<StaffCaseView>(Json, ct))!;
                    c.Status = view.Status;
                    c.UnitId = view.Unit?.Id;
                    c.NextDeadlineAt = view.NextDeadlineAt;
                    if (view.Status == CaseStatus.Dispatched && c.DispatchMs is null
                        && view.Timeline.FirstOrDefault(e => e.Status == CaseStatus.Dispatched) is { } dispatched)
                    {
                        c.DispatchMs = (dispatched.At - view.ReceivedAt).TotalMilliseconds;
                    }
                });

                if (cases.All(c => c.CaseId is null || c.Status == target))
                {
                    return true;
                }

                if (watch.Elapsed >= timeout)
                {
                    var histogram = string.Join(", ", cases.GroupBy(c => c.Status?.ToString() ?? "not filed").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Inv($"{g.Key}={g.Count()}")));
                    _failure = Inv($"timed out after {options.PhaseTimeout.TotalSeconds:F0} s waiting for {target}; cases read: {histogram}");
                    return false;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }

        private async Task<bool> Fail(string step, BenchCase c, HttpResponseMessage response)
        {
            var body = await response.Content.ReadAsStringAsync();
            lock (_gate)
            {
                _errors.Add(Inv($"{step} case #{c.Index} {c.CaseId}: HTTP {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}"));
            }

            return false;
        }

        public void Report()
        {
            var n = cases.Count;
            var filed = cases.Count(c => c.CaseId is not null);
            var closed = cases.Count(c => c.Status == CaseStatus.Closed);
            var intake = cases.Where(c => c.CaseId is not null).Select(c => c.IntakeMs).ToList();
            var dispatch = cases.Where(c => c.DispatchMs is not null).Select(c => c.DispatchMs!.Value).ToList();
            var intakeWall = _phases.FirstOrDefault(p => p.Name == "intake")?.Wall ?? TimeSpan.Zero;

            Console.WriteLine();
            Console.WriteLine(Inv($"cases             {n} (filed {filed}, closed {closed}{(_verified ? ", every case read back as Closed" : "")})"));
            Console.WriteLine(Inv($"concurrency       {options.Concurrency}"));
            Console.WriteLine(Inv($"wall time         {_lifecycle.TotalSeconds:F2} s intake → closed (clock advanced {_advanced.TotalDays:F1} days)"));
            Console.WriteLine(Inv($"throughput        {closed / _lifecycle.TotalSeconds:F1} cases/s end to end; intake {filed / Math.Max(intakeWall.TotalSeconds, 1e-9):F1} work orders/s"));
            Console.WriteLine(Inv($"intake latency    p50 {P(intake, 50):F1} ms  p95 {P(intake, 95):F1} ms  p99 {P(intake, 99):F1} ms  max {P(intake, 100):F1} ms  (POST /api/hotline/workorders)"));
            Console.WriteLine(Inv($"intake→dispatched p50 {P(dispatch, 50):F0} ms  p99 {P(dispatch, 99):F0} ms  max {P(dispatch, 100):F0} ms  (queue routing, from the case timeline; n={dispatch.Count})"));
            Console.WriteLine(Inv($"acknowledge       p50 {P(_ackMs, 50):F1} ms  p99 {P(_ackMs, 99):F1} ms"));
            Console.WriteLine(Inv($"respond           p50 {P(_respondMs, 50):F1} ms  p99 {P(_respondMs, 99):F1} ms"));
            Console.WriteLine(Inv($"idle background   {_idleRequestsPerSecond:F1} storage requests/s (queue polling + sweep, included below)"));

            Console.WriteLine();
            Console.WriteLine("Storage requests per case, by phase (columns: the step label the request ran under)");
            var header = Inv($"{"phase",-12} {"wall s",7}") + string.Concat(Columns.Select(c => Inv($" {c,13}"))) + Inv($" {"workflow",9} {"bench reads",12}");
            Console.WriteLine(header);
            Console.WriteLine(new string('-', header.Length));
            var totals = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var phase in _phases)
            {
                foreach (var (label, count) in phase.Requests)
                {
                    totals[label] = totals.GetValueOrDefault(label) + count;
                }

                Console.WriteLine(Row(phase.Name, phase.Wall, phase.Requests));
            }

            Console.WriteLine(new string('-', header.Length));
            Console.WriteLine(Row("total", _lifecycle, totals));
            var workflowTotal = Workflow(totals);
            Console.WriteLine("(workflow = every request except the bench's own status polls; routing happens in the background, mostly during intake)");
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
            Console.WriteLine(Inv($"cases={n} closed={closed} concurrency={options.Concurrency} wall_s={_lifecycle.TotalSeconds:F2} cases_per_s={closed / _lifecycle.TotalSeconds:F1} intake_p50_ms={P(intake, 50):F1} intake_p95_ms={P(intake, 95):F1} intake_p99_ms={P(intake, 99):F1} dispatch_p50_ms={P(dispatch, 50):F0} dispatch_p99_ms={P(dispatch, 99):F0} storage_requests_per_case={(double)workflowTotal / n:F1}"));

            string Row(string name, TimeSpan wall, IReadOnlyDictionary<string, long> requests) =>
                Inv($"{name,-12} {wall.TotalSeconds,7:F2}")
                + string.Concat(Columns.Select(c => Inv($" {PerCase(Get(requests, c)),13}")))
                + Inv($" {PerCase(Workflow(requests)),9} {PerCase(requests.GetValueOrDefault(StepLabels.Read)),12}");

            string PerCase(long count) => count == 0 ? "." : Inv($"{(double)count / n:F2}");
        }

        /// <summary>Requests under a column; "other" collects every label without a column of its own (except the bench's reads).</summary>
        private static long Get(IReadOnlyDictionary<string, long> requests, string column) =>
            column == StepLabels.Other
                ? requests.Where(p => p.Key == StepLabels.Other || (p.Key != StepLabels.Read && !Columns.Contains(p.Key))).Sum(p => p.Value)
                : requests.GetValueOrDefault(column);

        private static long Workflow(IReadOnlyDictionary<string, long> requests) =>
            requests.Where(p => p.Key != StepLabels.Read).Sum(p => p.Value);

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
}
