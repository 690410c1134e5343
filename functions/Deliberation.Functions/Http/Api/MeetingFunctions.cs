using Microsoft.AspNetCore.Mvc;

namespace Deliberation.Functions.Http.Api;

/// <summary>Meetings: scheduling, agendas, votes, minutes (/api/meetings). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class MeetingFunctions(ApiEndpoints api)
{
    [Function("ScheduleMeeting")]
    public Task<IActionResult> ScheduleMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("ListMeetings")]
    public Task<IActionResult> ListMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetMeeting")]
    public Task<IActionResult> GetMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("BuildAgenda")]
    public Task<IActionResult> BuildAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/agenda/build")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("RecordAttendance")]
    public Task<IActionResult> RecordAttendance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/attendance")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("CancelMeeting")]
    public Task<IActionResult> CancelMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/cancel")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("CloseMeeting")]
    public Task<IActionResult> CloseMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/close")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("AddAgendaItem")]
    public Task<IActionResult> AddAgendaItem([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("RemoveAgendaItem")]
    public Task<IActionResult> RemoveAgendaItem([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "meetings/{meetingId}/items/{itemId}")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("RecordStep")]
    public Task<IActionResult> RecordStep([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{itemId}/steps")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("RecordVote")]
    public Task<IActionResult> RecordVote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{itemId}/vote")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("RecordMinutes")]
    public Task<IActionResult> RecordMinutes([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/minutes")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("SendAgenda")]
    public Task<IActionResult> SendAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/notify")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);
}
