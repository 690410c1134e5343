using Deliberation.Storage;
using Deliberation.Storage.Notifications;
using Microsoft.DurableTask;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// Sends one notice of a case (to its reporters, a unit, followers …) that the apply activity could not send at once,
/// with the orchestration's long retry policy. Each recipient's text is sent once however often this runs (the
/// send-once log keys on the notice id), so retries never text anyone twice.
/// </summary>
public sealed class SendCaseNotification(INotificationSender sender, SendsInFlight inFlight) : TaskActivity<string, string>
{
    public const string Name = "SendCaseNotification";

    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        var request = WorkflowJson.Read<NotificationRequest>(input);
        await inFlight.WaitAsync(request.Id);
        await sender.SendAsync(request, null, CancellationToken.None);
        return request.Id;
    }
}
