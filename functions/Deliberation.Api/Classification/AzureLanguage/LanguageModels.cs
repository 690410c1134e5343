using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Domain.Routing;

namespace Deliberation.Api.Classification.AzureLanguage;

// Minimal views of the documented Azure AI Language responses (api-version 2023-04-01): only what we read,
// every member optional, unknown members ignored.

/// <summary>GET {operation-location}: the state of an analyze-text job.</summary>
public sealed record LanguageJob(string? Status, LanguageJobTasks? Tasks, IReadOnlyList<LanguageError>? Errors);

public sealed record LanguageJobTasks(IReadOnlyList<LanguageJobTask>? Items);

public sealed record LanguageJobTask(string? Kind, string? TaskName, string? Status, ClassificationResults? Results);

public sealed record ClassificationResults(IReadOnlyList<ClassifiedDocument>? Documents, IReadOnlyList<DocumentError>? Errors);

public sealed record ClassifiedDocument(string? Id, [property: JsonPropertyName("class")] IReadOnlyList<ClassLabel>? Class);

public sealed record ClassLabel(string? Category, double ConfidenceScore);

public sealed record DocumentError(string? Id, LanguageError? Error);

public sealed record LanguageError(string? Code, string? Message);

/// <summary>POST :analyze-text with kind PiiEntityRecognition.</summary>
public sealed record PiiResponse(string? Kind, PiiResults? Results);

public sealed record PiiResults(IReadOnlyList<PiiDocument>? Documents, IReadOnlyList<DocumentError>? Errors);

public sealed record PiiDocument(string? Id, string? RedactedText, IReadOnlyList<PiiEntity>? Entities);

public sealed record PiiEntity(string? Text, string? Category, int Offset, int Length, double ConfidenceScore);

/// <summary>Reading the documented shapes.</summary>
public static class LanguageResponses
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The job is over (succeeded or not); anything else (notStarted, running, cancelling) means poll again.</summary>
    public static bool IsFinished(LanguageJob job) =>
        job.Status?.ToLowerInvariant() is "succeeded" or "partiallycompleted" or "failed" or "cancelled";

    public static bool Succeeded(LanguageJob job) => job.Status?.ToLowerInvariant() is "succeeded" or "partiallycompleted";

    /// <summary>The first document's classes of the custom single-label task, best first; null when it has none (e.g. a document error).</summary>
    public static CategoryGuess? Classification(LanguageJob job)
    {
        var task = job.Tasks?.Items?.FirstOrDefault(t => t.Kind?.StartsWith("CustomSingleLabelClassification", StringComparison.OrdinalIgnoreCase) == true)
            ?? job.Tasks?.Items?.FirstOrDefault();
        var classes = task?.Results?.Documents?.FirstOrDefault()?.Class?
            .Where(c => !string.IsNullOrWhiteSpace(c.Category))
            .OrderByDescending(c => c.ConfidenceScore)
            .Select(c => (c.Category!, c.ConfidenceScore))
            .ToList();
        return classes is [var best, ..] ? new CategoryGuess(best.Item1, best.Item2, classes) : null;
    }

    public static LanguageJob ParseJob(string json) => JsonSerializer.Deserialize<LanguageJob>(json, Json) ?? new LanguageJob(null, null, null);

    public static PiiDocument? ParsePii(string json) => JsonSerializer.Deserialize<PiiResponse>(json, Json)?.Results?.Documents?.FirstOrDefault();
}
