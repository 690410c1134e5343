using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http.Api;

/// <summary>The channels' webhooks: SMS providers, the WeChat official account, hotline transcripts and work orders. Each function hands its request to the endpoint with its method and route.</summary>
public sealed class ChannelFunctions(ApiEndpoints api)
{
    [Function("HotlineTranscript")]
    public Task<IActionResult> HotlineTranscript([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/transcripts")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("FileWorkOrder")]
    public Task<IActionResult> FileWorkOrder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/workorders")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SmsAcs")]
    public Task<IActionResult> SmsAcs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "sms/acs")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SmsAliyun")]
    public Task<IActionResult> SmsAliyun([HttpTrigger(AuthorizationLevel.Function, "post", Route = "sms/aliyun")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("SmsTwilio")]
    public Task<IActionResult> SmsTwilio([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms/twilio")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("GetWechat")]
    public Task<IActionResult> GetWechat([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "wechat")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

    [Function("PostWechat")]
    public Task<IActionResult> PostWechat([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "wechat")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);
}
