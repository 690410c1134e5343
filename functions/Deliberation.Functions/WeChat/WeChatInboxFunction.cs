using System.Globalization;
using Deliberation.Api.Channels.WeChat;
using Deliberation.Workflow.Delivery;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.WeChat;

/// <summary>
/// The <c>wechat-inbox</c> queue: WeChat texts answered "success" before their intake finished. A throw leaves the
/// message to the Functions host, which retries it up to host.json's maxDequeueCount and then moves it to
/// <c>&lt;queue&gt;-poison</c>, as the standalone host's listener does.
/// </summary>
public sealed class WeChatInboxFunction(WeChatInboxHandler handler)
{
    /// <summary>The app setting that names the queue: <c>wechat-inbox</c> with the storage prefix (see <see cref="Deliberation.Storage.StorageNames"/>).</summary>
    public const string QueueSetting = "WeChatInboxQueue";

    /// <summary>A late intake starts a case, so the handler needs the invocation's durable client.</summary>
    [Function("WeChatInbox")]
    public async Task RunAsync([QueueTrigger($"%{QueueSetting}%")] string message, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        DurableClientAccessor.Use(client);
        await handler.HandleAsync(message, DequeueCount(context), context.CancellationToken);
    }

    private static long DequeueCount(FunctionContext context) =>
        context.BindingContext.BindingData.TryGetValue("DequeueCount", out var value)
        && long.TryParse(Convert.ToString(value, CultureInfo.InvariantCulture), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? count
            : 1;
}
