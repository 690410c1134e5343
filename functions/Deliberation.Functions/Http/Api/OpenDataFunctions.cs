using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>Open data: Open311 GeoReport v2 (/api/open311/v2) and the villages' Atom feeds (/api/feeds). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class OpenDataFunctions(ApiEndpoints api)
{
    [Function("Open311Services")]
    public Task<IActionResult> Open311Services([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/services.{format}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("Open311Requests")]
    public Task<IActionResult> Open311Requests([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests.{format}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("Open311PostRequest")]
    public Task<IActionResult> Open311PostRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "open311/v2/requests.{format}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("Open311Request")]
    public Task<IActionResult> Open311Request([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "open311/v2/requests/{id}.{format}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("VillageOutcomesFeed")]
    public Task<IActionResult> VillageOutcomesFeed([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "feeds/{village}.atom")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
