using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>Operators' endpoints (/api/operations; the host reserves "admin"). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class OperationsFunctions(ApiEndpoints api)
{
    [Function("ListPoisonQueues")]
    public Task<IActionResult> ListPoisonQueues([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "operations/poison")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RedrivePoisonQueues")]
    public Task<IActionResult> RedrivePoisonQueues([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "operations/poison/redrive")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
