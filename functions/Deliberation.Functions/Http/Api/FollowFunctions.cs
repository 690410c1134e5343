using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>A staff member's own follows, a representative's casebook and digest (/api/me, /api/representatives). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class FollowFunctions(ApiEndpoints api)
{
    [Function("MyFollows")]
    public Task<IActionResult> MyFollows([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me/follows")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RepresentativeCasebook")]
    public Task<IActionResult> RepresentativeCasebook([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "representatives/{representativeId}/cases")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RepresentativeDigest")]
    public Task<IActionResult> RepresentativeDigest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "representatives/{representativeId}/digest")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
