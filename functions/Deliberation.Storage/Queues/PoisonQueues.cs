using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Queues;

/// <summary>A work queue, the poison queue its failed messages go to, and how many wait there.</summary>
public sealed record PoisonQueueCount(string Queue, string PoisonQueue, int Messages);

/// <summary>How many messages a re-drive moved from a poison queue back to its work queue.</summary>
public sealed record RedriveResult(string Queue, string PoisonQueue, int Moved);

/// <summary>
/// The operator's view of <c>&lt;queue&gt;-poison</c> (where the Functions host and the standalone listener put a message
/// that failed maxDequeueCount times) and the re-drive that sends such messages back once the cause is gone (a provider
/// outage, a bug fixed). A re-driven message is a new message with a fresh dequeue count; it is sent before it is
/// deleted from the poison queue, so a failure in between repeats it rather than loses it, and the queues' handlers are
/// idempotent.
/// </summary>
public sealed partial class PoisonQueues(StorageClients clients, ILogger<PoisonQueues> logger)
{
    /// <summary>The most messages one re-drive moves per queue, so one call stays short; call again for more.</summary>
    public const int MaxPerRedrive = 1000;

    /// <summary>How long a message being moved stays hidden in the poison queue (another re-drive does not move it twice).</summary>
    private static readonly TimeSpan MoveLease = TimeSpan.FromMinutes(1);

    /// <summary>The work queues that have a poison queue.</summary>
    public IReadOnlyList<string> Queues => [.. clients.Names.Queues.Where(q => !q.EndsWith(StorageNames.Poison(""), StringComparison.Ordinal))];

    /// <summary>Every work queue with the (approximate) number of messages in its poison queue.</summary>
    public async Task<IReadOnlyList<PoisonQueueCount>> CountsAsync(CancellationToken cancellationToken)
    {
        var counts = new List<PoisonQueueCount>();
        foreach (var queue in Queues)
        {
            var poison = StorageNames.Poison(queue);
            counts.Add(new(queue, poison, await CountAsync(clients.Queue(poison), cancellationToken)));
        }

        return counts;
    }

    /// <summary>Moves up to <see cref="MaxPerRedrive"/> messages of <paramref name="queue"/>'s poison queue back to it.</summary>
    public async Task<RedriveResult> RedriveAsync(string queue, CancellationToken cancellationToken)
    {
        var target = clients.Queue(queue);
        var poison = clients.Queue(StorageNames.Poison(queue));
        var moved = 0;
        while (moved < MaxPerRedrive)
        {
            QueueMessage[] batch;
            try
            {
                batch = (await poison.ReceiveMessagesAsync(Math.Min(32, MaxPerRedrive - moved), MoveLease, cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                break; // No poison queue yet: nothing ever failed.
            }

            if (batch.Length == 0)
            {
                break;
            }

            foreach (var message in batch)
            {
                await target.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
                try
                {
                    await poison.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is 404 or 400)
                {
                    // Already gone (another re-drive after this lease ran out): it was sent again, which handlers allow.
                }

                moved++;
            }
        }

        LogRedriven(logger, queue, moved, poison.Name);
        return new(queue, poison.Name, moved);
    }

    private static async Task<int> CountAsync(QueueClient queue, CancellationToken cancellationToken)
    {
        try
        {
            return (await queue.GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: {Moved} messages re-driven from {PoisonQueue} by an operator")]
    private static partial void LogRedriven(ILogger logger, string queue, int moved, string poisonQueue);
}
