using Deliberation.Domain.Access;
using Deliberation.Storage.Queues;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>The poison queues: each work queue and how many of its messages failed too often to be handled.</summary>
public sealed record PoisonQueuesView(IReadOnlyList<PoisonQueueCount> Queues);

/// <summary>What one re-drive moved back, per queue.</summary>
public sealed record RedriveView(IReadOnlyList<RedriveResult> Queues);

/// <summary>
/// Operators' endpoints, administrators only (also what <c>./dev redrive</c> calls). Under <c>/api/operations</c>:
/// the Functions host reserves routes and function names that start with "admin".
/// </summary>
public static class OperationsApi
{
    public static IEndpointRouteBuilder MapOperationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/operations").RequireAuthorization();
        group.MapGet("/poison", ListPoison).WithName("ListPoisonQueues");
        group.MapPost("/poison/redrive", Redrive).WithName("RedrivePoisonQueues");
        return app;
    }

    private static async Task<Results<Ok<PoisonQueuesView>, ProblemHttpResult>> ListPoison(HttpContext http, PoisonQueues poison, CancellationToken ct)
    {
        if (AdminOnly(http) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(new PoisonQueuesView(await poison.CountsAsync(ct)));
    }

    /// <summary>Sends the messages of every poison queue (or of <paramref name="queue"/>'s) back to their work queue.</summary>
    private static async Task<Results<Ok<RedriveView>, ProblemHttpResult>> Redrive(string? queue, HttpContext http, PoisonQueues poison, CancellationToken ct)
    {
        if (AdminOnly(http) is { } refused)
        {
            return refused;
        }

        if (queue is not null && !poison.Queues.Contains(queue))
        {
            return ApiResults.NotFound($"No work queue {queue}; the queues are {string.Join(", ", poison.Queues)}.");
        }

        var moved = new List<RedriveResult>();
        foreach (var name in queue is null ? poison.Queues : [queue])
        {
            moved.Add(await poison.RedriveAsync(name, ct));
        }

        return TypedResults.Ok(new RedriveView(moved));
    }

    private static ProblemHttpResult? AdminOnly(HttpContext http) =>
        ApiResults.Staff(http) is not { } staff ? ApiResults.Unauthenticated()
        : staff.Is(Roles.Admin) ? null
        : ApiResults.Forbidden("Only administrators see and re-drive the poison queues.");
}
