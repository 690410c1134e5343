using Deliberation.Storage;
using Deliberation.Storage.Directory;

namespace Deliberation.Api.Apis;

/// <summary>What anyone may know of the app's health: whether it works, and which part does not. Never an error's text.</summary>
public sealed record HealthView(string Status, bool Tables, bool Queues, bool TownLoaded);

public static partial class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", async (StorageClients clients, TownState town, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var (tables, queues, error) = await clients.ProbeAsync(ct);
            var healthy = tables && queues && town.IsLoaded;
            if (error is not null)
            {
                // The reason is for operators' logs, not for whoever asks.
                LogUnhealthy(loggers.CreateLogger(typeof(HealthApi)), error.Split(':')[0]);
            }

            var view = new HealthView(healthy ? "Healthy" : "Unhealthy", tables, queues, town.IsLoaded);
            return Results.Json(view, statusCode: healthy ? 200 : 503);
        }).AllowAnonymous().WithName("Health");
        return app;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health: storage unreachable ({ErrorType})")]
    private static partial void LogUnhealthy(ILogger logger, string errorType);
}
