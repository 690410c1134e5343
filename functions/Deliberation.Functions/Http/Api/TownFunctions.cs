using Microsoft.AspNetCore.Mvc;

namespace Deliberation.Functions.Http.Api;

/// <summary>Health, the directory, the classifier's corrections and the development outbox. Each function hands its request to the endpoint with its method and route.</summary>
public sealed class TownFunctions(ApiEndpoints api)
{
    [Function("ExportCorrections")]
    public Task<IActionResult> ExportCorrections([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "classifier/corrections")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetDevOutbox")]
    public Task<IActionResult> GetDevOutbox([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetDevOutboxForCase")]
    public Task<IActionResult> GetDevOutboxForCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "dev/outbox/{caseId}")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetDirectory")]
    public Task<IActionResult> GetDirectory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "directory")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("Health")]
    public Task<IActionResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);
}
