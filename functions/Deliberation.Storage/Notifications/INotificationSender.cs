using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Notifications;

/// <summary>Delivers one notification to the people its audience names.</summary>
public interface INotificationSender
{
    /// <summary>
    /// Sends the notice; <paramref name="state"/> is the case as the decision that made the notice left it, or null to
    /// read the stored case.
    /// </summary>
    Task SendAsync(NotificationRequest request, CaseState? state, CancellationToken cancellationToken);
}
