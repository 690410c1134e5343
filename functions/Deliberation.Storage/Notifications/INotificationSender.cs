namespace Deliberation.Storage.Notifications;

/// <summary>Delivers one notification to the people its audience names.</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationRequest request, CancellationToken cancellationToken);
}
