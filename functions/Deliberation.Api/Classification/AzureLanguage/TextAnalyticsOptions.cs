using System.ComponentModel.DataAnnotations;

namespace Deliberation.Api.Classification.AzureLanguage;

/// <summary>
/// The optional Azure AI Language resource. With an endpoint and a key the cloud PII pass is on; with a custom
/// classification project and deployment too, intake asks it for a category. Without them the local engine does everything.
/// </summary>
public sealed class TextAnalyticsOptions
{
    public const string Section = "TextAnalytics";

    /// <summary>The resource endpoint, e.g. https://my-language.cognitiveservices.azure.com.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The resource key (sent as Ocp-Apim-Subscription-Key). Keep it in Key Vault or app settings, never in the repository.</summary>
    public string? Key { get; set; }

    /// <summary>The custom text classification project (single label).</summary>
    public string? ProjectName { get; set; }

    public string? DeploymentName { get; set; }

    public string ApiVersion { get; set; } = "2023-04-01";

    /// <summary>The language of the residents' texts.</summary>
    public string Language { get; set; } = "zh-hans";

    /// <summary>How long intake waits for a classification (the whole job, submitted and polled) before routing locally.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the public case view waits for the PII pass before showing the locally redacted text.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PiiTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Pause between polls of a classification job.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public bool HasResource => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Key);

    public bool HasClassification => HasResource && !string.IsNullOrWhiteSpace(ProjectName) && !string.IsNullOrWhiteSpace(DeploymentName);

    public bool IsValid => string.IsNullOrWhiteSpace(Endpoint) || Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http";
}
