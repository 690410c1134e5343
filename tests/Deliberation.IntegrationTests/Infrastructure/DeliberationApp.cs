using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Deliberation.Storage;
using Deliberation.Storage.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// The real app (WebApplicationFactory&lt;Program&gt;) on Azurite with a unique storage prefix, its own task hub and a
/// fake clock. The workflow engine runs in-process; the WeChat inbox listener and the sweep are off unless asked for,
/// so tests drive them when they choose.
/// </summary>
public sealed class DeliberationApp : WebApplicationFactory<Program>
{
    /// <summary>Tuesday 2026-11-24 09:00 in Shanghai: a working morning.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>One pair of keys per test run, shared by every host (as every instance of a deployment shares them).</summary>
    private static readonly string EncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string HashKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly Dictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public DeliberationApp(string? prefix = null, bool listeners = false, FakeTimeProvider? clock = null, IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        _services = services;
        Prefix = prefix ?? Azurite.NewPrefix();
        Clock = clock ?? new FakeTimeProvider(Start);
        _settings = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:Prefix"] = Prefix,
            ["Runtime:RunListeners"] = listeners ? "true" : "false",
            ["Runtime:SweepInterval"] = "00:00:00.500",
            ["Runtime:OutboxRecoveryDelay"] = "00:01:00",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Privacy:EncryptionKey"] = EncryptionKey,
            ["Privacy:HashKey"] = HashKey,

            // One partition and quick polls: each test has its own small task hub on the shared Azurite.
            ["DurableTask:PartitionCount"] = "1",
            ["DurableTask:ExtendedSessions"] = "false",
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.200",
            ["Workflow:RedeliverAfter"] = "00:00:03",
            ["Workflow:ReconcileInterval"] = "00:00:01",
            ["Workflow:ApplyWait"] = "00:00:10",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string Prefix { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>Watches every public response of this app for personal data.</summary>
    public PublicResponseScanner PublicScanner { get; } = new();

    public StorageClients Storage => Services.GetRequiredService<StorageClients>();

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();

    public HttpClient As(string role, string unit, string user = "tester")
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"dev:{role}:{unit}:{user}");
        return client;
    }

    public HttpClient Operator() => As("operator", "dispatch", "op1");

    public HttpClient Admin() => As("admin", "dispatch", "admin1");

    public async Task<string> FileWorkOrderAsync(string text, string? place, string phone = "13800138000", string? callId = null, string? category = null)
    {
        var response = await Operator().PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = phone, text, place, callId, category });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        return body.GetProperty("caseId").GetString()!;
    }

    public async Task<JsonElement> GetCaseAsync(string caseId)
    {
        var response = await Admin().GetAsync($"/api/cases/{caseId}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>(Json);
    }

    public async Task<string> StatusOfAsync(string caseId) => (await GetCaseAsync(caseId)).GetProperty("status").GetString()!;

    public async Task<HttpResponseMessage> ActAsync(string caseId, string action, string role, string unit, object? body = null) =>
        await As(role, unit).PostAsJsonAsync($"/api/cases/{caseId}/{action}", body ?? new { });

    /// <summary>Waits until the workflow has nothing in hand: every case has applied what it was sent, every text is out.</summary>
    public Task PumpAsync() => new WorkflowSettler(this).SettleAsync();

    /// <summary>Runs the housekeeping sweep once, as its timer would (objection codes, meetings' messages left behind).</summary>
    public Task<int> SweepAsync() => Service<Deliberation.Storage.Timers.DeadlineSweeper>().SweepAsync(CancellationToken.None);

    /// <summary>Advance the fake clock, tell the running cases (their deadlines now due fire), and wait for what follows.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await SweepAsync();
        var settler = new WorkflowSettler(this);
        await settler.SettleAsync();
        var tick = await Service<Deliberation.Workflow.Delivery.DurableCaseRuntime>().TickAsync(await settler.RunningCasesAsync(), CancellationToken.None);
        await settler.SettleAsync(tick);
    }

    public async Task<IReadOnlyList<DevOutboxEntry>> NotificationsAsync(string caseId) =>
        await Service<DevelopmentOutbox>().ForCaseAsync(caseId, CancellationToken.None);

    public async Task<int> CountTimelineAsync(string caseId, string eventName)
    {
        var timeline = (await GetCaseAsync(caseId)).GetProperty("timeline").EnumerateArray();
        return timeline.Count(e => e.GetProperty("event").GetString() == eventName);
    }

    public TableClient Table(string name) => Storage.Table(name);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Assert.True(PublicScanner.Leaks.IsEmpty, "Personal data in public responses: " + string.Join("; ", PublicScanner.Leaks));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(PublicScanner);
            _services?.Invoke(services);
        });
    }
}
