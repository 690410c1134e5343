using Deliberation.Domain.Directory;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Notifications;

namespace Deliberation.Api.Apis;

public sealed record UnitView(string Id, string Name, UnitKind Kind, Tier Tier, string Calendar, IReadOnlyList<string> Duties, string? Village, IReadOnlyList<string>? Places);

public sealed record RepresentativeView(string Id, string Name, string Body, IReadOnlyList<string> Villages);

public sealed record CategoryView(string Id, string Name, Tier Tier, string? Department, string DeadlineClass, IReadOnlyList<string> Keywords);

public sealed record DirectoryView(string TownId, string TownName, string DispatchCentre, IReadOnlyList<UnitView> Units, IReadOnlyList<RepresentativeView> Representatives, IReadOnlyList<CategoryView> Catalogue);

public static class DirectoryApi
{
    public static IEndpointRouteBuilder MapDirectoryApi(this IEndpointRouteBuilder app)
    {
        // Read from the tables (the directory as the running system has it), not from the file.
        app.MapGet("/api/directory", async (DirectoryStore store, CancellationToken ct) =>
        {
            var town = (await store.LoadAsync(ct)).Directory;
            return TypedResults.Ok(new DirectoryView(
                town.TownId,
                town.TownName,
                town.DispatchCentre,
                town.Units.Select(u => new UnitView(u.Id, u.Name, u.Kind, u.Tier, u.Calendar, u.Duties, u.Village, u.Places)).ToList(),
                town.Representatives.Select(r => new RepresentativeView(r.Id, r.Name, r.Body, r.Villages)).ToList(),
                town.Catalogue.Select(c => new CategoryView(c.Id, c.Name, c.Tier, c.Department, c.DeadlineClass, c.Keywords)).ToList()));
        }).AllowAnonymous().WithName("GetDirectory");

        // The Development environment only: what would have been sent, since no provider is configured. Elsewhere the
        // routes answer 404 (they stay mapped: the Functions app has a function per endpoint).
        app.MapGet("/api/dev/outbox", async (int? top, DevelopmentOutbox outbox, IHostEnvironment environment, CancellationToken ct) =>
            environment.IsDevelopment()
                ? Results.Ok(await outbox.LatestAsync(Math.Clamp(top ?? 50, 1, 500), ct))
                : ApiResults.NotFound("The development outbox exists only in the Development environment."))
            .AllowAnonymous().WithName("GetDevOutbox");
        app.MapGet("/api/dev/outbox/{caseId}", async (string caseId, DevelopmentOutbox outbox, IHostEnvironment environment, CancellationToken ct) =>
            environment.IsDevelopment()
                ? Results.Ok(await outbox.ForCaseAsync(caseId, ct))
                : ApiResults.NotFound("The development outbox exists only in the Development environment."))
            .AllowAnonymous().WithName("GetDevOutboxForCase");
        return app;
    }
}
