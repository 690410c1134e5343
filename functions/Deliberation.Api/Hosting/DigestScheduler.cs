using Deliberation.Domain.Notifications;
using Deliberation.Storage.Digest;
using Deliberation.Storage.Directory;

namespace Deliberation.Api.Hosting;

/// <summary>
/// The daily digest at <see cref="DailyDigest.SendAt"/> in the town's zone, for when no Functions host runs the
/// <c>DailyDigest</c> timer trigger. It waits on the injected clock: the schedule is a time of day, not an interval.
/// </summary>
public sealed partial class DigestScheduler(DigestService digest, TownState town, TimeProvider time, ILogger<DigestScheduler> logger) : BackgroundService
{
    /// <summary>How long to wait before the next run, from <paramref name="now"/>.</summary>
    public static TimeSpan DelayUntilNext(DateTimeOffset now, TimeZoneInfo zone) => DailyDigest.NextSendAfter(now, zone) - now;

    /// <summary>How soon a run that left recipients unsent is repeated.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                // The town (and its zone) is loaded by the initialiser; until then, look again shortly. After a run
                // that left recipients unsent, try again in a few minutes rather than tomorrow.
                var delay = !town.IsLoaded ? TimeSpan.FromSeconds(5)
                    : retry ? Min(RetryAfter, DelayUntilNext(time.GetUtcNow(), town.Zone))
                    : DelayUntilNext(time.GetUtcNow(), town.Zone);
                await Task.Delay(delay, time, stoppingToken);
                if (!town.IsLoaded)
                {
                    continue;
                }

                try
                {
                    retry = (await digest.SendDueAsync(time.GetUtcNow(), stoppingToken)).Failed > 0;
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    retry = true;
                    LogDigestFailed(logger, e.GetType().Name, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Daily digest failed: {ErrorType}: {Error}")]
    private static partial void LogDigestFailed(ILogger logger, string errorType, string error);
}
