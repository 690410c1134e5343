using System.Net;
using System.Net.Http.Json;
using Deliberation.Domain.Routing;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Classification.AzureLanguage;

/// <summary>A failed call to Azure AI Language (the HTTP status, or a job that did not succeed). Carries no text of the resident's.</summary>
public sealed class AzureLanguageException(string message) : Exception(message);

/// <summary>
/// The Azure AI Language REST API over plain HttpClient: custom single-label classification (an analyze-text job,
/// submitted then polled) and PII entity recognition (synchronous). Errors throw; callers decide the fallback.
/// </summary>
public sealed class AzureLanguageClient(IHttpClientFactory httpClients, IOptions<TextAnalyticsOptions> options)
{
    public const string HttpClientName = "azure-language";
    private const string KeyHeader = "Ocp-Apim-Subscription-Key";

    private TextAnalyticsOptions Options => options.Value;

    /// <summary>Classifies one text with the configured custom classification deployment; null when the job yields no class.</summary>
    public async Task<CategoryGuess?> ClassifyAsync(string text, CancellationToken cancellationToken)
    {
        var o = Options;
        var body = new
        {
            displayName = "deliberation-intake",
            analysisInput = new { documents = new[] { new { id = "1", language = o.Language, text } } },
            tasks = new[]
            {
                new { kind = "CustomSingleLabelClassification", taskName = "classify", parameters = new { projectName = o.ProjectName, deploymentName = o.DeploymentName } },
            },
        };

        var client = httpClients.CreateClient(HttpClientName);
        using var submit = Request(HttpMethod.Post, Url("/language/analyze-text/jobs"), body);
        using var submitted = await client.SendAsync(submit, cancellationToken);
        if (submitted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new AzureLanguageException($"Classification job not accepted: HTTP {(int)submitted.StatusCode}.");
        }

        var location = submitted.Headers.TryGetValues("operation-location", out var values) ? values.FirstOrDefault() : null;
        if (!Uri.TryCreate(location, UriKind.Absolute, out var operation))
        {
            throw new AzureLanguageException("Classification job accepted without an operation-location.");
        }

        while (true)
        {
            using var poll = Request(HttpMethod.Get, operation, null);
            using var polled = await client.SendAsync(poll, cancellationToken);
            if (!polled.IsSuccessStatusCode)
            {
                throw new AzureLanguageException($"Classification job status: HTTP {(int)polled.StatusCode}.");
            }

            var job = LanguageResponses.ParseJob(await polled.Content.ReadAsStringAsync(cancellationToken));
            if (LanguageResponses.IsFinished(job))
            {
                return LanguageResponses.Succeeded(job)
                    ? LanguageResponses.Classification(job)
                    : throw new AzureLanguageException($"Classification job {job.Status}: {job.Errors?.FirstOrDefault()?.Code ?? "no error code"}.");
            }

            // Real elapsed time, not the injected clock: this is a network wait, bounded by the caller's timeout.
            await Task.Delay(o.PollInterval, cancellationToken);
        }
    }

    /// <summary>PII entity recognition of one text: the service's redacted text (entities masked with '*') and the entities.</summary>
    public async Task<PiiDocument?> RecognisePiiAsync(string text, CancellationToken cancellationToken)
    {
        var body = new
        {
            kind = "PiiEntityRecognition",
            parameters = new { modelVersion = "latest" },
            analysisInput = new { documents = new[] { new { id = "1", language = Options.Language, text } } },
        };
        using var request = Request(HttpMethod.Post, Url("/language/:analyze-text"), body);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new AzureLanguageException($"PII recognition: HTTP {(int)response.StatusCode}.");
        }

        return LanguageResponses.ParsePii(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    private Uri Url(string path) => new($"{Options.Endpoint!.TrimEnd('/')}{path}?api-version={Uri.EscapeDataString(Options.ApiVersion)}");

    private HttpRequestMessage Request(HttpMethod method, Uri url, object? body)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add(KeyHeader, Options.Key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: LanguageResponses.Json);
        }

        return request;
    }
}
