using Deliberation.Storage;
using Deliberation.Storage.Directory;

namespace Deliberation.Api.Apis;

public sealed record HealthView(string Status, bool Tables, bool Queues, bool TownLoaded, string? Error);

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", async (StorageClients clients, TownState town, CancellationToken ct) =>
        {
            var (tables, queues, error) = await clients.ProbeAsync(ct);
            var healthy = tables && queues && town.IsLoaded;
            var view = new HealthView(healthy ? "Healthy" : "Unhealthy", tables, queues, town.IsLoaded, error);
            return Results.Json(view, statusCode: healthy ? 200 : 503);
        }).AllowAnonymous().WithName("Health");
        return app;
    }
}
