using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>Meetings: scheduling, agendas, votes, minutes (/api/meetings). Each function hands its request to the endpoint with its method and route.</summary>
public sealed class MeetingFunctions(ApiEndpoints api)
{
    [Function("ScheduleMeeting")]
    public Task<IActionResult> ScheduleMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("ListMeetings")]
    public Task<IActionResult> ListMeetings([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetMeeting")]
    public Task<IActionResult> GetMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "meetings/{meetingId}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("BuildAgenda")]
    public Task<IActionResult> BuildAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/agenda/build")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RecordAttendance")]
    public Task<IActionResult> RecordAttendance([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/attendance")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("CancelMeeting")]
    public Task<IActionResult> CancelMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/cancel")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("CloseMeeting")]
    public Task<IActionResult> CloseMeeting([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/close")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("AddAgendaItem")]
    public Task<IActionResult> AddAgendaItem([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RemoveAgendaItem")]
    public Task<IActionResult> RemoveAgendaItem([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "meetings/{meetingId}/items/{itemId}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RecordStep")]
    public Task<IActionResult> RecordStep([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{itemId}/steps")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RecordVote")]
    public Task<IActionResult> RecordVote([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/items/{itemId}/vote")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("RecordMinutes")]
    public Task<IActionResult> RecordMinutes([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/minutes")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SendAgenda")]
    public Task<IActionResult> SendAgenda([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "meetings/{meetingId}/notify")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
