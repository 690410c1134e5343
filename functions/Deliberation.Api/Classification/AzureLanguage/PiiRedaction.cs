using Deliberation.Domain.Privacy;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Classification.AzureLanguage;

/// <summary>Removes personal data from a text before the public sees it.</summary>
public interface IPiiRedactor
{
    Task<string> RedactAsync(string text, CancellationToken cancellationToken);
}

/// <summary>The default: the local <see cref="Redactor"/> alone.</summary>
public sealed class LocalPiiRedactor : IPiiRedactor
{
    public Task<string> RedactAsync(string text, CancellationToken cancellationToken) => Task.FromResult(Redactor.Redact(text));
}

/// <summary>
/// The local redactor first, then Azure AI Language's PII recognition over the locally redacted text, so the
/// cloud only ever sees what the public might, and never works alone. On a timeout or error: the local result.
/// </summary>
public sealed partial class AzurePiiRedactor(AzureLanguageClient client, IOptions<TextAnalyticsOptions> options, ILogger<AzurePiiRedactor> logger) : IPiiRedactor
{
    public async Task<string> RedactAsync(string text, CancellationToken cancellationToken)
    {
        var local = Redactor.Redact(text);
        if (string.IsNullOrWhiteSpace(local))
        {
            return local;
        }

        // Real elapsed time, not the injected clock: this bounds how long a public page waits on the network.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.PiiTimeout);
        try
        {
            var document = await client.RecognisePiiAsync(local, budget.Token);
            if (document?.RedactedText is { Length: > 0 } redacted)
            {
                LogRedacted(logger, document.Entities?.Count ?? 0);
                return redacted;
            }

            LogNoDocument(logger);
            return local;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, options.Value.PiiTimeout.TotalMilliseconds);
            return local;
        }
        catch (Exception e) when (e is HttpRequestException or AzureLanguageException or System.Text.Json.JsonException)
        {
            LogFailed(logger, e.GetType().Name);
            return local;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cloud PII pass masked {Entities} entities")]
    private static partial void LogRedacted(ILogger logger, int entities);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud PII pass returned no document; showing the locally redacted text")]
    private static partial void LogNoDocument(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud PII pass timed out after {Milliseconds} ms; showing the locally redacted text")]
    private static partial void LogTimeout(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud PII pass failed ({Error}); showing the locally redacted text")]
    private static partial void LogFailed(ILogger logger, string error);
}

/// <summary>Intake without a cloud classifier: no opinion, at once.</summary>
internal sealed class NoCloudCategories : Storage.Intake.ICategorySource
{
    public Task<Domain.Routing.CategoryGuess?> GuessAsync(string text, CancellationToken cancellationToken) => Task.FromResult<Domain.Routing.CategoryGuess?>(null);
}
