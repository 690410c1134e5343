using Deliberation.Storage;
using Deliberation.Storage.Timers;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Hosting;

/// <summary>The deadline sweep on a timer, for when no Functions host runs the timer trigger.</summary>
public sealed partial class SweepService(DeadlineSweeper sweeper, IOptions<RuntimeOptions> options, ILogger<SweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: this is how often we look, not what time it is.
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        try
        {
            await SweepLoopAsync(timer, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task SweepLoopAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        do
        {
            try
            {
                await sweeper.SweepAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogSweepFailed(logger, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deadline sweep failed: {ErrorType}: {Error}")]
    private static partial void LogSweepFailed(ILogger logger, string errorType, string error);
}
