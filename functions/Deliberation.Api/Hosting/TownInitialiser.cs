using Deliberation.Domain.Calendars;
using Deliberation.Domain.Directory;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Hosting;

/// <summary>
/// Runs before anything else starts: creates the tables and queues, seeds the directory tables from
/// the town file, and loads the town from the tables. Storage may still be starting (Azurite beside us),
/// so it waits a while before giving up with a clear message.
/// </summary>
public sealed partial class TownInitialiser(
    StorageClients clients,
    DirectoryStore directory,
    TownState town,
    IOptions<TownOptions> options,
    IOptions<Classification.ClassifierOptions> classifierOptions,
    Storage.Intake.Corrections corrections,
    ILogger<TownInitialiser> logger) : IHostedService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var townFile = TownFile.Parse(await File.ReadAllTextAsync(TownOptions.Resolve(options.Value.DirectoryFile), cancellationToken));
        var calendars = CalendarFile.Parse(await File.ReadAllTextAsync(TownOptions.Resolve(options.Value.CalendarFile), cancellationToken));

        // Real elapsed time, not the injected clock: this is how long we wait for the emulator.
        var waiting = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await clients.EnsureCreatedAsync(cancellationToken);
                break;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException && waiting.Elapsed < Patience)
            {
                LogWaiting(logger, e.Message.Split('\n')[0]);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException or AggregateException)
            {
                throw new InvalidOperationException($"Storage is not reachable ({e.Message.Split('\n')[0]}). Is Azurite running? Try ./dev up.", e);
            }
        }

        await directory.SeedAsync(townFile, cancellationToken);
        var classifier = await Classification.LocalClassifier.LoadAsync(classifierOptions, corrections, logger, cancellationToken);
        town.Load(await directory.LoadAsync(cancellationToken), calendars, classifier);
        LogLoaded(logger, townFile.Directory.TownName, townFile.Directory.Units.Count, townFile.Directory.Catalogue.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for storage: {Error}")]
    private static partial void LogWaiting(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Town {Town} loaded: {Units} units, {Categories} categories")]
    private static partial void LogLoaded(ILogger logger, string town, int units, int categories);
}
