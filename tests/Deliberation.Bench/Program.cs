using System.Diagnostics;
using System.Globalization;
using Deliberation.Api.Hosting;
using Deliberation.Domain.Directory;
using Deliberation.Host.Engine;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Deliberation.Bench;

/// <summary>
/// <c>./dev bench</c>: starts the app as the standalone host runs it (the API and the durable engine in-process) against
/// the given storage account, drives hotline cases through the whole lifecycle over HTTP (intake → routing → acknowledge
/// → respond → publish → close) and prints latencies, throughput and storage requests per case. It asserts nothing.
/// </summary>
internal static class BenchProgram
{
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
        var directory = app.Services.GetRequiredService<TownState>().Context.Directory;
        Console.WriteLine(Inv($"Deliberation bench: {options.Cases} hotline cases, concurrency {options.Concurrency}, prefix '{options.Prefix}', app on {baseUrl} (started in {started.Elapsed.TotalSeconds:F1} s)"));
        Console.WriteLine(Inv($"engine: {options.Partitions} partition(s), max queue polling {options.MaxQueuePollingInterval.TotalMilliseconds:F0} ms, extended sessions {(options.ExtendedSessions ? Inv($"on (idle {options.ExtendedSessionIdleTimeout.TotalSeconds:F1} s)") : "off")}, {options.MaxConcurrentOrchestrations} orchestrations / {options.MaxConcurrentActivities} activities at once, task hub on {(options.EngineConnection is null ? "the app's storage" : "storage of its own")}"));

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var run = new BenchRun(options, clock, app.Services, http, Samples(directory, options.Cases));
        var completed = await run.ExecuteAsync();
        run.Report();
        await app.StopAsync();
        return completed ? 0 : 1;
    }

    /// <summary>The app as the standalone host's Program builds it, plus the bench's clock, settings and step labels.</summary>
    private static WebApplication BuildApp(BenchOptions options, BenchClock clock)
    {
        // The bench signs in with dev tokens, which exist only in the Development environment.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory, EnvironmentName = Environments.Development });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:0",
            ["Storage:ConnectionString"] = options.Connection,
            ["Storage:Prefix"] = options.Prefix,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft"] = "Warning",
            ["Logging:LogLevel:DurableTask"] = "Error",
            ["DurableTask:PartitionCount"] = Inv($"{options.Partitions}"),
            ["DurableTask:MaxQueuePollingInterval"] = options.MaxQueuePollingInterval.ToString("c", CultureInfo.InvariantCulture),
            ["DurableTask:ExtendedSessions"] = options.ExtendedSessions ? "true" : "false",
            ["DurableTask:ExtendedSessionIdleTimeout"] = options.ExtendedSessionIdleTimeout.ToString("c", CultureInfo.InvariantCulture),
            ["DurableTask:MaxConcurrentActivities"] = Inv($"{options.MaxConcurrentActivities}"),
            ["DurableTask:MaxConcurrentOrchestrations"] = Inv($"{options.MaxConcurrentOrchestrations}"),
            ["DurableTask:ConnectionString"] = options.EngineConnection,
        });
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.AddDeliberation();
        builder.AddInProcessEngine();
        StepLabels.LabelBackgroundServices(builder.Services);

        var app = builder.Build();
        app.Use(StepLabels.LabelRequest);
        app.UseDeliberation();
        return app;
    }

    /// <summary>
    /// One work order per case: a text at a place some service point covers, every (place, matter) pair different up to
    /// 32 × 10 work orders. The same matter at the same place within a week is one case (intake joins the second report to
    /// the first as a co-report), so samples that repeat a pair would not be cases of their own.
    /// </summary>
    private static List<BenchCase> Samples(TownDirectory directory, int count)
    {
        string[] texts =
        [
            "路口的垃圾桶满了好几天没人清运",
            "和隔壁邻居因为院墙的事情有纠纷，希望帮忙调解",
            "有人遛狗不牵绳，狗屎到处都是",
            "路边有个坑洼，下雨天积水",
            "晚上广场舞音乐太响，噪音扰民",
            "小区门口乱停车，堵住了消防通道",
            "路边有流动摊贩占道经营",
            "河道里漂着很多垃圾，河水发臭",
            "有人在院子里违章搭建彩钢棚",
            "独居老人家里没人照看，希望社区关心一下",
        ];
        var places = directory.Units.Where(u => u.Kind == UnitKind.ServicePoint).SelectMany(u => u.Places ?? []).ToList();
        return Enumerable.Range(0, count).Select(i => new BenchCase(
            i + 1,
            texts[i / places.Count % texts.Length],
            Inv($"{places[i % places.Count]}{i % 97 + 1}号"),
            Inv($"138{i + 1:D8}"))).ToList();
    }

    internal static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One case as the bench follows it.</summary>
internal sealed class BenchCase(int index, string text, string place, string phone)
{
    public int Index { get; } = index;

    public string Text { get; } = text;

    public string Place { get; } = place;

    public string Phone { get; } = phone;

    public string CallId => BenchProgram.Inv($"bench-{Index}");

    public string? CaseId { get; set; }

    /// <summary>The unit the case was routed to, as its list shows it: the staff token acting on it names this unit.</summary>
    public string? UnitId { get; set; }

    public Deliberation.Domain.Workflow.CaseStatus? Status { get; set; }

    public int Version { get; set; }

    public DateTimeOffset? NextDeadlineAt { get; set; }

    public double IntakeMs { get; set; }
}
