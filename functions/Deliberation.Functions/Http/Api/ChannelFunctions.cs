using Microsoft.AspNetCore.Mvc;

namespace Deliberation.Functions.Http.Api;

/// <summary>The channels' webhooks: SMS providers, the WeChat official account, hotline transcripts and work orders. Each function hands its request to the endpoint with its method and route.</summary>
public sealed class ChannelFunctions(ApiEndpoints api)
{
    [Function("HotlineTranscript")]
    public Task<IActionResult> HotlineTranscript([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/transcripts")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("FileWorkOrder")]
    public Task<IActionResult> FileWorkOrder([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "hotline/workorders")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("SmsAcs")]
    public Task<IActionResult> SmsAcs([HttpTrigger(AuthorizationLevel.Function, "post", Route = "sms/acs")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("SmsAliyun")]
    public Task<IActionResult> SmsAliyun([HttpTrigger(AuthorizationLevel.Function, "post", Route = "sms/aliyun")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("SmsTwilio")]
    public Task<IActionResult> SmsTwilio([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sms/twilio")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("GetWechat")]
    public Task<IActionResult> GetWechat([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "wechat")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);

    [Function("PostWechat")]
    public Task<IActionResult> PostWechat([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "wechat")] HttpRequest request, FunctionContext context) => api.RunAsync(request, context);
}
