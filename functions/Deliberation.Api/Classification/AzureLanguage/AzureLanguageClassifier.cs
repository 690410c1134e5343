using Deliberation.Domain.Privacy;
using Deliberation.Domain.Routing;
using Deliberation.Storage.Intake;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Classification.AzureLanguage;

/// <summary>
/// The cloud classifier, asked at intake (never inside the decider: it is a network call). Within its time budget
/// it returns the service's guess for the locally redacted text; on a timeout or any error it logs (no text, no personal data) and returns null,
/// so the case is created and routed by the local engine as if the cloud were not configured.
/// </summary>
public sealed partial class AzureLanguageClassifier(AzureLanguageClient client, IOptions<TextAnalyticsOptions> options, ILogger<AzureLanguageClassifier> logger) : ICategorySource
{
    public async Task<CategoryGuess?> GuessAsync(string text, CancellationToken cancellationToken)
    {
        // Real elapsed time, not the injected clock: this bounds how long a resident's report waits on the network.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Value.Timeout);
        try
        {
            // The cloud gets the text as the public would: phone, ID and card numbers, plates and names removed locally.
            var guess = await client.ClassifyAsync(Redactor.Redact(text), budget.Token);
            if (guess is null)
            {
                LogNoClass(logger);
            }
            else
            {
                LogClassified(logger, guess.Category, guess.Confidence);
            }

            return guess;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogTimeout(logger, options.Value.Timeout.TotalMilliseconds);
            return null;
        }
        catch (Exception e) when (e is HttpRequestException or AzureLanguageException or System.Text.Json.JsonException)
        {
            LogFailed(logger, e.GetType().Name, e is AzureLanguageException ? e.Message : (e as HttpRequestException)?.HttpRequestError.ToString() ?? "");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud classification: {Category} {Confidence:0.00}")]
    private static partial void LogClassified(ILogger logger, string category, double confidence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud classification returned no class; routing locally")]
    private static partial void LogNoClass(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud classification timed out after {Milliseconds} ms; routing locally")]
    private static partial void LogTimeout(ILogger logger, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud classification failed ({Error}: {Detail}); routing locally")]
    private static partial void LogFailed(ILogger logger, string error, string detail);
}
