using Deliberation.Storage;
using Deliberation.Storage.Timers;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Hosting;

/// <summary>The housekeeping sweep on a timer, for when no Functions host runs the timer trigger.</summary>
public sealed class SweepService(DeadlineSweeper sweeper, IOptions<RuntimeOptions> options, ILogger<SweepService> logger) : PeriodicWork(logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override bool RunsAtStart => true;

    protected override string Name => "Housekeeping sweep";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken) => await sweeper.SweepAsync(cancellationToken);
}
