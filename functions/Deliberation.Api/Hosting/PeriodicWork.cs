namespace Deliberation.Api.Hosting;

/// <summary>
/// Work the standalone host does again and again at a fixed interval of real time (the Functions app runs the same work
/// from timer triggers). A failed run is logged by its error type alone and does not stop the next one.
/// </summary>
public abstract partial class PeriodicWork(ILogger logger) : BackgroundService
{
    /// <summary>How often the work runs: how often we look, not what time it is.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>Whether the first run is at start-up rather than one interval later.</summary>
    protected virtual bool RunsAtStart => false;

    /// <summary>The work's name in the log.</summary>
    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            if (RunsAtStart)
            {
                await RunSafelyAsync(stoppingToken);
            }

            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunSafelyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunSafelyAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunOnceAsync(stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(logger, Name, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Work} failed ({ErrorType}); tried again next interval")]
    private static partial void LogFailed(ILogger logger, string work, string errorType);
}
