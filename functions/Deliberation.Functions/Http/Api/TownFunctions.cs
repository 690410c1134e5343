using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>Health, the directory, staff sign-in (its settings, who is signed in), the classifier's corrections and the development outbox. Each function hands its request to the endpoint with its method and route.</summary>
public sealed class TownFunctions(ApiEndpoints api)
{
    [Function("ExportCorrections")]
    public Task<IActionResult> ExportCorrections([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "classifier/corrections")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetDevOutbox")]
    public Task<IActionResult> GetDevOutbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetDevOutboxForCase")]
    public Task<IActionResult> GetDevOutboxForCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox/{caseId}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetDirectory")]
    public Task<IActionResult> GetDirectory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "directory")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetSignInConfig")]
    public Task<IActionResult> GetSignInConfig([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "auth/config")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetMe")]
    public Task<IActionResult> GetMe([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "me")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
