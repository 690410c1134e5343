using Deliberation.Storage.Digest;

namespace Deliberation.Functions.Digest;

/// <summary>
/// The representatives' daily digest at 18:00 in Shanghai (10:00 UTC; the host reads NCRONTAB in UTC unless
/// WEBSITE_TIME_ZONE says otherwise). A run that leaves a recipient unsent fails, so the retry policy runs it again;
/// the send log skips those already sent.
/// </summary>
public sealed class DailyDigestFunction(DigestService digest, TimeProvider time)
{
    public const string Schedule = "0 0 10 * * *";

    [Function("DailyDigest")]
    [ExponentialBackoffRetry(5, "00:01:00", "00:15:00")]
    public async Task RunAsync([TimerTrigger(Schedule)] TimerInfo timer, FunctionContext context)
    {
        var run = await digest.SendDueAsync(time.GetUtcNow(), context.CancellationToken);
        if (run.Failed > 0)
        {
            throw new DigestIncompleteException($"Daily digest: {run.Failed} of {run.Recipients} recipient(s) failed; to be retried.");
        }
    }
}

/// <summary>A digest run that left recipients unsent.</summary>
public sealed class DigestIncompleteException(string message) : Exception(message);
