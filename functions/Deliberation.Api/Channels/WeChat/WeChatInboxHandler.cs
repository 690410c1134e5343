using System.Text.Json;
using Deliberation.Storage;
using Deliberation.Storage.Queues;

namespace Deliberation.Api.Channels.WeChat;

/// <summary>The <c>wechat-inbox</c> queue trigger: WeChat texts accepted with "success" before their intake finished.</summary>
public sealed class WeChatInboxHandler(StorageClients clients, WeChatConversation conversation) : IQueueHandler
{
    public string QueueName => clients.Names.WeChatInbox;

    public Task HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        var late = JsonSerializer.Deserialize(body, StorageJson.Store.WeChatLateIntake) ?? throw new InvalidDataException("Empty wechat-inbox message.");
        return conversation.CompleteLateAsync(late, cancellationToken);
    }
}
