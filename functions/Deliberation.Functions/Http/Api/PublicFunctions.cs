using Microsoft.AspNetCore.Mvc;

namespace Deliberation.Functions.Http.Api;

/// <summary>What anyone may read, and objections (/api/public). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class PublicFunctions(ApiEndpoints api)
{
    [Function("ListPublicCases")]
    public Task<IActionResult> ListPublicCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/cases")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetPublicCase")]
    public Task<IActionResult> GetPublicCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/cases/{caseId}")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("ObjectToDecision")]
    public Task<IActionResult> ObjectToDecision([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "public/cases/{caseId}/objections")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("ConfirmObjection")]
    public Task<IActionResult> ConfirmObjection([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "public/cases/{caseId}/objections/confirm")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("ListPublicMeetings")]
    public Task<IActionResult> ListPublicMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/meetings")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetPublicMeeting")]
    public Task<IActionResult> GetPublicMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "public/meetings/{meetingId}")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);
}
