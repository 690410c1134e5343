using System.Security.Cryptography;
using System.Text;
using Deliberation.Domain.Privacy;
using Microsoft.Extensions.Caching.Memory;
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
/// The service's answers are kept by the hash of the text they were for, so a text the public reads again (a
/// published reply, a meeting's resolution) is sent to the service once, not on every anonymous request.
/// </summary>
public sealed partial class AzurePiiRedactor(AzureLanguageClient client, IOptions<TextAnalyticsOptions> options, ILogger<AzurePiiRedactor> logger) : IPiiRedactor, IDisposable
{
    /// <summary>How many of the service's answers an instance keeps; the least recently used go first.</summary>
    public const int MaxCachedAnswers = 5_000;

    /// <summary>How long an answer is reused: a better model at the service is picked up within this.</summary>
    public static readonly TimeSpan AnswerLifetime = TimeSpan.FromHours(6);

    private readonly MemoryCache _answers = new(new MemoryCacheOptions { SizeLimit = MaxCachedAnswers });

    public async Task<string> RedactAsync(string text, CancellationToken cancellationToken)
    {
        var local = Redactor.Redact(text);
        if (string.IsNullOrWhiteSpace(local))
        {
            return local;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(local)));
        if (_answers.TryGetValue(key, out string? known) && known is not null)
        {
            return known;
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

                // Only the service's own answers are kept: after a timeout or error the next request asks again.
                _answers.Set(key, redacted, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = AnswerLifetime });
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

    public void Dispose() => _answers.Dispose();

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
