using System.Diagnostics;
using System.Net.Http.Headers;
using Azure.Data.Tables;
using Deliberation.Storage;

namespace Deliberation.IntegrationTests.Workflow;

/// <summary>
/// The standalone host killed with SIGKILL in the middle of a run of cases, and started again on the same storage:
/// every request that failed is sent again as the same message (same call id, same Idempotency-Key), every case
/// reaches where its requests take it, and no resident gets a text twice.
/// </summary>
public sealed class ProcessCrashTests : IAsyncLifetime
{
    private const int Cases = 12;

    /// <summary>Service-point places, one case each: the same matter at different places is a case of its own.</summary>
    private static readonly string[] Places = ["东宅", "沈家埭", "顾家浜", "北埭", "陆家宅", "钱家湾", "南宅", "倪家埭", "塘湾", "西宅", "戴家宅", "杨泾浜"];

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private readonly string _prefix = Azurite.NewPrefix();
    private readonly HostProcess _host;
    private readonly HttpClient _http;
    private int _acknowledged;

    public ProcessCrashTests()
    {
        var port = HostProcess.FreePort();
        _host = new HostProcess(port, new Dictionary<string, string>
        {
            ["Storage__ConnectionString"] = Azurite.ConnectionString,
            ["Storage__Prefix"] = _prefix,
            ["Privacy__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Privacy__HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",
            ["DurableTask__PartitionCount"] = "2",
            ["DurableTask__MaxQueuePollingInterval"] = "00:00:00.500",

            // What the dead process had taken off the queues comes back this soon (DurableTask's default is 5 minutes).
            ["DurableTask__ControlQueueVisibilityTimeout"] = "00:00:20",
            ["DurableTask__WorkItemQueueVisibilityTimeout"] = "00:00:20",
            ["Workflow__RedeliverAfter"] = "00:00:05",
            ["Workflow__ReconcileInterval"] = "00:00:02",
        });
        _http = new HttpClient { BaseAddress = _host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Task InitializeAsync() => _host.StartAsync(TimeSpan.FromSeconds(90));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task HostKilledMidRun_RestartedOnSameStorage_EveryCaseRespondedAndEveryTextSentOnce()
    {
        var run = Stopwatch.StartNew();
        var lifecycles = Enumerable.Range(0, Cases).Select(LifecycleAsync).ToList();

        // Killed while work is in flight: some cases acknowledged, others still being filed, routed or acknowledged.
        while (Volatile.Read(ref _acknowledged) < Cases / 3 && lifecycles.Any(t => !t.IsCompleted) && run.Elapsed < Patience)
        {
            await Task.Delay(50);
        }

        Assert.True(lifecycles.Any(t => !t.IsCompleted), "Every case was done before the kill: nothing was in flight.");
        _host.Kill();
        await Task.Delay(TimeSpan.FromSeconds(1));
        await _host.StartAsync(TimeSpan.FromSeconds(90));

        var caseIds = await Task.WhenAll(lifecycles);
        Assert.Equal(Cases, caseIds.Distinct().Count());
        await WaitAsync("every delivery applied", async () => !await AnyDeliveryAsync());

        // Each reporter hears of their case three times (received, dispatched, responded), each text once.
        var outbox = Table(new StorageNames(_prefix).DevOutbox);
        string[] expected = ["case-dispatched", "case-received", "case-responded"];
        List<TableEntity> texts = [];
        await WaitAsync("every reporter's texts sent", async () =>
        {
            texts = await outbox.QueryAsync<TableEntity>().ToListAsync();
            return caseIds.All(id => expected.All(t => texts.Any(r => r.PartitionKey == id && r.GetString("Audience") == "Reporter" && r.GetString("Template") == t)));
        });

        Assert.All(texts, row => Assert.True((row.GetInt32("Repeats") ?? 0) == 0, $"{row.GetString("Template")} of case {row.PartitionKey} to {row.GetString("Audience")} was sent {1 + row.GetInt32("Repeats")} times"));
        foreach (var caseId in caseIds)
        {
            var toReporter = texts.Where(r => r.PartitionKey == caseId && r.GetString("Audience") == "Reporter").Select(r => r.GetString("Template")).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, toReporter);
            Assert.Equal("Responded", (await GetCaseAsync(caseId)).GetProperty("status").GetString());
        }
    }

    /// <summary>One case from work order to response, each request sent again (as the same message) until it is answered.</summary>
    private async Task<string> LifecycleAsync(int index)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(150 * index));
        var body = new { callerPhone = $"139{index + 1:D8}", text = "路口的垃圾桶满了好几天没人清运", place = Places[index], callId = $"crash-call-{index}" };
        var accepted = await SendUntilAnsweredAsync(() => Post("/api/hotline/workorders", "dev:operator:dispatch:op1", body, null));
        var caseId = (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;

        var dispatched = await WaitForStatusAsync(caseId, "Dispatched");
        var officer = $"dev:officer:{dispatched.GetProperty("unit").GetProperty("id").GetString()}:w{index}";
        await SendUntilAnsweredAsync(() => Post($"/api/cases/{caseId}/acknowledge", officer, new { }, $"crash-ack-{index}"));
        await WaitForStatusAsync(caseId, "Acknowledged");
        Interlocked.Increment(ref _acknowledged);
        await SendUntilAnsweredAsync(() => Post($"/api/cases/{caseId}/respond", officer, new { reply = "已安排清运，感谢反映。" }, $"crash-respond-{index}"));
        await WaitForStatusAsync(caseId, "Responded");
        return caseId;
    }

    private HttpRequestMessage Post(string path, string token, object body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    /// <summary>
    /// Sends until the host answers with success (200 or 202). No answer (the host is down) or a server error is sent
    /// again; a client error is the test's failure.
    /// </summary>
    private async Task<HttpResponseMessage> SendUntilAnsweredAsync(Func<HttpRequestMessage> request)
    {
        var until = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                var response = await _http.SendAsync(request());
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                if ((int)response.StatusCode < 500)
                {
                    Assert.Fail($"{response.RequestMessage?.RequestUri}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // The host is down or restarting.
            }

            Assert.True(DateTime.UtcNow < until, $"No answer within {Patience.TotalMinutes} minutes.\n{_host.Tail}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private async Task<JsonElement> WaitForStatusAsync(string caseId, string status)
    {
        JsonElement view = default;
        await WaitAsync($"case {caseId} {status}", async () =>
        {
            try
            {
                view = await GetCaseAsync(caseId);
                return view.GetProperty("status").GetString() == status;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        });
        return view;
    }

    private async Task<JsonElement> GetCaseAsync(string caseId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{caseId}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dev:admin:dispatch:admin1");
        using var response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task WaitAsync(string what, Func<Task<bool>> done)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < until, $"Waited {Patience.TotalMinutes} minutes for {what}.\n{_host.Tail}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private async Task<bool> AnyDeliveryAsync()
    {
        await foreach (var _ in Table(new StorageNames(_prefix).Deliveries).QueryAsync<TableEntity>(maxPerPage: 1))
        {
            return true;
        }

        return false;
    }

    private static TableClient Table(string name) => new TableServiceClient(Azurite.ConnectionString).GetTableClient(name);
}
