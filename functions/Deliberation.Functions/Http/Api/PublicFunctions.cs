using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>What anyone may read, and objections (/api/public). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class PublicFunctions(ApiEndpoints api)
{
    [Function("ListPublicCases")]
    public Task<IActionResult> ListPublicCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/cases")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetPublicCase")]
    public Task<IActionResult> GetPublicCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/cases/{caseId}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("ObjectToDecision")]
    public Task<IActionResult> ObjectToDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "public/cases/{caseId}/objections")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("ConfirmObjection")]
    public Task<IActionResult> ConfirmObjection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "public/cases/{caseId}/objections/confirm")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("ListPublicMeetings")]
    public Task<IActionResult> ListPublicMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/meetings")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetPublicMeeting")]
    public Task<IActionResult> GetPublicMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/meetings/{meetingId}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetPublicKpis")]
    public Task<IActionResult> GetPublicKpis([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/kpis")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
