using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Queues;

/// <summary>What handles one message body; throwing means "try again later".</summary>
public interface IQueueHandler
{
    string QueueName { get; }

    Task HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken);
}

/// <summary>
/// A queue trigger for when no Functions host drives us: receive a batch, handle, delete; on failure
/// hide the message for the visibility timeout; past maxDequeueCount move it to <c>&lt;queue&gt;-poison</c>.
/// Polling backs off to maxPollingInterval while the queue is empty.
/// </summary>
public sealed partial class QueueListener(
    QueueClient queue,
    QueueClient poison,
    IQueueHandler handler,
    QueueSettings settings,
    ILogger<QueueListener> logger) : BackgroundService
{
    /// <summary>How long a received message stays hidden while it is being handled.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = MinPollingInterval;
        var inFlight = new List<Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                inFlight.RemoveAll(t => t.IsCompleted);
                QueueMessage[] messages = (await queue.ReceiveMessagesAsync(settings.BatchSize, Lease, stoppingToken)).Value;
                if (messages.Length == 0)
                {
                    // Back off while the queue is empty, even with work in flight: every empty receive is a
                    // billed storage transaction, and in-flight handlers go on without us.
                    await Task.Delay(delay, stoppingToken);
                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, settings.MaxPollingInterval.Ticks));
                    continue;
                }

                delay = MinPollingInterval;
                inFlight.AddRange(messages.Select(m => ProcessAsync(m, stoppingToken)));

                // Like the Functions host: fetch the next batch once in-flight work falls to the threshold.
                while (inFlight.Count > settings.NewBatchThreshold)
                {
                    inFlight.Remove(await Task.WhenAny(inFlight));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is RequestFailedException or HttpRequestException or AggregateException)
            {
                LogReceiveFailed(logger, queue.Name, e.Message);
                await Task.Delay(settings.MaxPollingInterval < TimeSpan.FromSeconds(5) ? settings.MaxPollingInterval : TimeSpan.FromSeconds(5), stoppingToken);
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        if (message.DequeueCount > settings.MaxDequeueCount)
        {
            await MoveToPoisonAsync(message, cancellationToken);
            return;
        }

        try
        {
            await handler.HandleAsync(message.Body.ToString(), message.DequeueCount, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            LogHandlerFailed(logger, queue.Name, message.MessageId, message.DequeueCount, e.GetType().Name, e.Message);
            if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                await MoveToPoisonAsync(message, cancellationToken);
            }
            else
            {
                await AbandonAsync(message, cancellationToken);
            }

            return;
        }

        await DeleteAsync(message, cancellationToken);
    }

    private async Task MoveToPoisonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        await poison.SendMessageAsync(message.Body, cancellationToken: cancellationToken);
        await DeleteAsync(message, cancellationToken);
        LogPoisoned(logger, queue.Name, message.MessageId, message.DequeueCount, poison.Name);
    }

    private async Task AbandonAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: settings.VisibilityTimeout, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // The lease was lost; the message reappears by itself.
        }
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 400)
        {
            // Already gone (another receiver after a lease expiry): the work is idempotent.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: receive failed: {Error}")]
    private static partial void LogReceiveFailed(ILogger logger, string queue, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Queue {Queue}: message {MessageId} failed on attempt {DequeueCount}: {ErrorType}: {Error}")]
    private static partial void LogHandlerFailed(ILogger logger, string queue, string messageId, long dequeueCount, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queue {Queue}: message {MessageId} moved to {PoisonQueue} after {DequeueCount} attempts")]
    private static partial void LogPoisoned(ILogger logger, string queue, string messageId, long dequeueCount, string poisonQueue);
}
