using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Deliberation.IntegrationTests.Cloud;

/// <summary>One request as the Language service received it.</summary>
public sealed record LanguageRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>How the fake answers.</summary>
public enum LanguageBehaviour
{
    Answer,
    ServerError,
    Hang,
}

/// <summary>
/// Azure AI Language on 127.0.0.1 (real Kestrel, real sockets), answering with the documented shapes of api-version
/// 2023-04-01: a classification job is accepted with 202 and an operation-location, reported running once, then
/// succeeded; PII recognition answers at once with a redacted text.
/// </summary>
public sealed class FakeLanguageService : IAsyncDisposable
{
    public const string Key = "fake-language-key";
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _polls = new();

    private FakeLanguageService(WebApplication app) => _app = app;

    public ConcurrentQueue<LanguageRequest> Requests { get; } = new();

    public LanguageBehaviour Behaviour { get; set; } = LanguageBehaviour.Answer;

    public string Category { get; set; } = "road";

    public double Confidence { get; set; } = 0.93;

    /// <summary>The PII redaction the fake applies: each of these strings is replaced by as many '*'.</summary>
    public List<string> PiiToMask { get; } = [];

    public string BaseAddress => _app.Urls.First();

    /// <summary>
    /// The app's settings for this service. The time budget is generous by default (a loaded CI machine must not turn a
    /// healthy answer into a timeout); a test of the timeout itself passes a short one.
    /// </summary>
    public Dictionary<string, string?> Settings(bool classification = true, string timeout = "00:00:10") => new Dictionary<string, string?>
    {
        ["TextAnalytics:Endpoint"] = BaseAddress + "/",
        ["TextAnalytics:Key"] = Key,
        ["TextAnalytics:ProjectName"] = classification ? "town-categories" : null,
        ["TextAnalytics:DeploymentName"] = classification ? "production" : null,
        ["TextAnalytics:Timeout"] = timeout,
        ["TextAnalytics:PiiTimeout"] = timeout,
        ["TextAnalytics:PollInterval"] = "00:00:00.020",
    };

    public static async Task<FakeLanguageService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeLanguageService(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue(new LanguageRequest(context.Request.Method, path, context.Request.QueryString.Value ?? "", headers, body));

        switch (Behaviour)
        {
            case LanguageBehaviour.Hang:
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case LanguageBehaviour.ServerError:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsJsonAsync(new { error = new { code = "InternalServerError", message = "Internal server error." } });
                return;
        }

        context.Response.ContentType = "application/json";
        if (context.Request.Method == "POST" && path == "/language/analyze-text/jobs")
        {
            var jobId = Guid.NewGuid().ToString();
            context.Response.StatusCode = 202;
            context.Response.Headers["operation-location"] = $"{BaseAddress}/language/analyze-text/jobs/{jobId}?api-version=2023-04-01";
            return;
        }

        if (context.Request.Method == "GET" && path.StartsWith("/language/analyze-text/jobs/", StringComparison.Ordinal))
        {
            var jobId = path["/language/analyze-text/jobs/".Length..];
            var poll = _polls.AddOrUpdate(jobId, 1, (_, n) => n + 1);
            await context.Response.WriteAsync(poll == 1 ? Running(jobId) : Succeeded(jobId, Category, Confidence));
            return;
        }

        if (context.Request.Method == "POST" && path == "/language/:analyze-text")
        {
            var text = JsonDocument.Parse(body).RootElement.GetProperty("analysisInput").GetProperty("documents")[0].GetProperty("text").GetString()!;
            await context.Response.WriteAsync(Pii(text, PiiToMask));
            return;
        }

        context.Response.StatusCode = 404;
    }

    public static string Running(string jobId) => """
        {"jobId":"JOB","lastUpdatedDateTime":"2026-11-24T01:00:01Z","createdDateTime":"2026-11-24T01:00:00Z","expirationDateTime":"2026-11-25T01:00:00Z","status":"running","errors":[],"displayName":"deliberation-intake","tasks":{"completed":0,"failed":0,"inProgress":1,"total":1}}
        """.Replace("JOB", jobId, StringComparison.Ordinal);

    public static string Succeeded(string jobId, string category, double confidence) => """
        {"jobId":"JOB","lastUpdatedDateTime":"2026-11-24T01:00:02Z","createdDateTime":"2026-11-24T01:00:00Z","expirationDateTime":"2026-11-25T01:00:00Z","status":"succeeded","errors":[],"displayName":"deliberation-intake",
         "tasks":{"completed":1,"failed":0,"inProgress":0,"total":1,"items":[{"kind":"CustomSingleLabelClassificationLROResults","taskName":"classify","lastUpdateDateTime":"2026-11-24T01:00:02Z","status":"succeeded",
           "results":{"documents":[{"id":"1","class":[{"category":"CATEGORY","confidenceScore":CONFIDENCE}],"warnings":[]}],"errors":[],"projectName":"town-categories","deploymentName":"production"}}]}}
        """.Replace("JOB", jobId, StringComparison.Ordinal)
        .Replace("CATEGORY", category, StringComparison.Ordinal)
        .Replace("CONFIDENCE", confidence.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public static string Pii(string text, IEnumerable<string> mask)
    {
        var redacted = text;
        var entities = new List<object>();
        foreach (var m in mask)
        {
            var offset = text.IndexOf(m, StringComparison.Ordinal);
            if (offset >= 0)
            {
                redacted = redacted.Replace(m, new string('*', m.Length), StringComparison.Ordinal);
                entities.Add(new { text = m, category = "Person", offset, length = m.Length, confidenceScore = 0.9 });
            }
        }

        return JsonSerializer.Serialize(new
        {
            kind = "PiiEntityRecognitionResults",
            results = new
            {
                documents = new[] { new { redactedText = redacted, id = "1", entities, warnings = Array.Empty<object>() } },
                errors = Array.Empty<object>(),
                modelVersion = "2023-09-01",
            },
        });
    }
}
