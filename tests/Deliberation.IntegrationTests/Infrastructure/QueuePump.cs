using Azure.Storage.Queues;
using Deliberation.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// Plays the queue trigger: takes visible messages off a queue and hands them to its handler, as the Functions app's
/// queue function (and the standalone host's listener) does.
/// </summary>
public sealed class QueuePump(DeliberationApp app)
{
    public async Task<int> DeliverAsync(QueueClient queue, IQueueHandler handler)
    {
        var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
        foreach (var message in messages)
        {
            await handler.HandleAsync(message.Body.ToString(), message.DequeueCount, CancellationToken.None);
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return messages.Length;
    }

    /// <summary>The WeChat texts whose intake overran WeChat's five seconds.</summary>
    public Task<int> DeliverWeChatInboxAsync() =>
        DeliverAsync(app.Storage.Queue(app.Storage.Names.WeChatInbox), app.Services.GetRequiredService<Deliberation.Api.Channels.WeChat.WeChatInboxHandler>());
}
