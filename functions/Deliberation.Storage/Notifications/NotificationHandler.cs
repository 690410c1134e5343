using System.Text.Json;
using Deliberation.Storage.Queues;

namespace Deliberation.Storage.Notifications;

/// <summary>Delivers one notification to the people its audience names.</summary>
public interface INotificationSender
{
    Task SendAsync(NotificationRequest request, CancellationToken cancellationToken);
}

/// <summary>The <c>notifications</c> queue trigger.</summary>
public sealed class NotificationHandler(StorageClients clients, INotificationSender sender) : IQueueHandler
{
    public string QueueName => clients.Names.Notifications;

    public Task HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        var request = JsonSerializer.Deserialize(body, StorageJson.Store.NotificationRequest)
            ?? throw new InvalidDataException("Empty notification message.");
        return sender.SendAsync(request, cancellationToken);
    }
}
