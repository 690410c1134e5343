using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>Staff work on cases: a case, its actions and follows, and a unit's cases (/api/cases, /api/units). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class CaseFunctions(ApiEndpoints api)
{
    [Function("GetCase")]
    public Task<IActionResult> GetCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdAcknowledge")]
    public Task<IActionResult> PostCasesByCaseIdAcknowledge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/acknowledge")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdDecline")]
    public Task<IActionResult> PostCasesByCaseIdDecline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/decline")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdEscalate")]
    public Task<IActionResult> PostCasesByCaseIdEscalate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/escalate")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("FollowCase")]
    public Task<IActionResult> FollowCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/follow")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("UnfollowCase")]
    public Task<IActionResult> UnfollowCase([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "cases/{caseId}/follow")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdProgress")]
    public Task<IActionResult> PostCasesByCaseIdProgress([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/progress")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdReassign")]
    public Task<IActionResult> PostCasesByCaseIdReassign([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/reassign")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdRefer")]
    public Task<IActionResult> PostCasesByCaseIdRefer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/refer")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdReopen")]
    public Task<IActionResult> PostCasesByCaseIdReopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/reopen")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdReportIn")]
    public Task<IActionResult> PostCasesByCaseIdReportIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/report-in")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdRespond")]
    public Task<IActionResult> PostCasesByCaseIdRespond([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/respond")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SplitCoReport")]
    public Task<IActionResult> SplitCoReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/split")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdSupervise")]
    public Task<IActionResult> PostCasesByCaseIdSupervise([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/supervise")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdTransfer")]
    public Task<IActionResult> PostCasesByCaseIdTransfer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/transfer")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SetUrgency")]
    public Task<IActionResult> SetUrgency([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/urgency")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostCasesByCaseIdWhistle")]
    public Task<IActionResult> PostCasesByCaseIdWhistle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/whistle")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("ListUnitCases")]
    public Task<IActionResult> ListUnitCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{unitId}/cases")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SuggestCategories")]
    public Task<IActionResult> SuggestCategories([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}/categories")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PreviewReply")]
    public Task<IActionResult> PreviewReply([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/reply-preview")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
