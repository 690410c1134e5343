using Microsoft.AspNetCore.Mvc;

namespace Deliberation.Functions.Http.Api;

/// <summary>Staff work on cases: a case, its actions and follows, and a unit's cases (/api/cases, /api/units). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class CaseFunctions(ApiEndpoints api)
{
    [Function("GetCase")]
    public Task<IActionResult> GetCase([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "cases/{caseId}")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdAcknowledge")]
    public Task<IActionResult> PostCasesByCaseIdAcknowledge([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/acknowledge")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdDecline")]
    public Task<IActionResult> PostCasesByCaseIdDecline([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/decline")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdEscalate")]
    public Task<IActionResult> PostCasesByCaseIdEscalate([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/escalate")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("FollowCase")]
    public Task<IActionResult> FollowCase([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/follow")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("UnfollowCase")]
    public Task<IActionResult> UnfollowCase([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "cases/{caseId}/follow")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdProgress")]
    public Task<IActionResult> PostCasesByCaseIdProgress([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/progress")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdReassign")]
    public Task<IActionResult> PostCasesByCaseIdReassign([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/reassign")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdRefer")]
    public Task<IActionResult> PostCasesByCaseIdRefer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/refer")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdReopen")]
    public Task<IActionResult> PostCasesByCaseIdReopen([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/reopen")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdReportIn")]
    public Task<IActionResult> PostCasesByCaseIdReportIn([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/report-in")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdRespond")]
    public Task<IActionResult> PostCasesByCaseIdRespond([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/respond")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("SplitCoReport")]
    public Task<IActionResult> SplitCoReport([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/split")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdSupervise")]
    public Task<IActionResult> PostCasesByCaseIdSupervise([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/supervise")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdTransfer")]
    public Task<IActionResult> PostCasesByCaseIdTransfer([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/transfer")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostCasesByCaseIdWhistle")]
    public Task<IActionResult> PostCasesByCaseIdWhistle([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "cases/{caseId}/whistle")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("ListUnitCases")]
    public Task<IActionResult> ListUnitCases([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "units/{unitId}/cases")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);
}
