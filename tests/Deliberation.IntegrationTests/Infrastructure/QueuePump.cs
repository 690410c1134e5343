using System.Net.Http.Json;
using Azure.Storage.Queues;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// Plays the Azure Functions host: takes visible messages off the queues and invokes the queue
/// functions through the custom-handler contract (POST /{FunctionName} with Data and Metadata).
/// </summary>
public sealed class QueuePump(DeliberationApp app)
{
    /// <summary>The host sends Data and Metadata in PascalCase.</summary>
    public static readonly JsonSerializerOptions Contract = new() { PropertyNamingPolicy = null };

    public async Task DrainAsync(int maxRounds = 50)
    {
        for (var round = 0; round < maxRounds; round++)
        {
            var delivered = await DeliverAsync(app.Storage.Queue(app.Storage.Names.WeChatInbox), "WeChatInbox")
                + await DeliverAsync(app.Storage.CaseEvents, "CaseEvents")
                + await DeliverAsync(app.Storage.Notifications, "Notifications");
            if (delivered == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The queues did not drain.");
    }

    public async Task<int> DeliverAsync(QueueClient queue, string function)
    {
        var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(30))).Value;
        var client = app.CreateClient();
        foreach (var message in messages)
        {
            var invocation = new
            {
                Data = new { message = message.Body.ToString() },
                Metadata = new
                {
                    message.DequeueCount,
                    Id = message.MessageId,
                    message.PopReceipt,
                    InsertionTime = message.InsertedOn,
                    ExpirationTime = message.ExpiresOn,
                    NextVisibleTime = message.NextVisibleOn,
                    sys = new { MethodName = function, UtcNow = DateTimeOffset.UtcNow.ToString("O") },
                },
            };
            var response = await client.PostAsJsonAsync($"/{function}", invocation, Contract);
            if (response.IsSuccessStatusCode)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else
            {
                throw new InvalidOperationException($"{function} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }

        return messages.Length;
    }
}
