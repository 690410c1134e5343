using Deliberation.Storage;
using Deliberation.Storage.Notifications;
using Microsoft.DurableTask;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// Sends one notice of a case (to its reporters, a unit, followers …). Each recipient's text is sent once however often
/// this runs (the send-once log keys on the notice id), so the orchestration's retries never text anyone twice.
/// </summary>
public sealed class SendCaseNotification(INotificationSender sender) : TaskActivity<string, string>
{
    public const string Name = "SendCaseNotification";

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var request = WorkflowJson.Read<NotificationRequest>(input);
        await sender.SendAsync(request, CancellationToken.None);
        return request.Id;
    }
}
