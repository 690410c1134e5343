using Deliberation.Api.RateLimiting;
using Deliberation.Api.Telemetry;
using Deliberation.Channels.Sms;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.Sms;

/// <summary>
/// The inbound SMS webhooks. Each checks its provider's proof (signature or key) on the raw, size-limited
/// body before reading anything from it, and answers as its provider expects; a text is only acknowledged
/// once what it asked for is stored, so a failure makes the provider deliver it again.
/// </summary>
public static class SmsEndpoints
{
    public const int MaxFormBytes = 32 * 1024;
    public const int MaxJsonBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder app)
    {
        var sms = app.MapGroup("/api/sms").AllowAnonymous();
        sms.MapPost("/twilio", Twilio).WithName("SmsTwilio").TimedAsWebhook("sms.twilio");
        sms.MapPost("/acs", Acs).WithName("SmsAcs").TimedAsWebhook("sms.acs");
        sms.MapPost("/aliyun", Aliyun).WithName("SmsAliyun").TimedAsWebhook("sms.aliyun");
        return app;
    }

    private static async Task<IResult> Twilio(HttpRequest request, IOptions<SmsOptions> options, SmsConversation conversation, [FromKeyedServices(PerKeyRateLimiter.Names.SmsSenders)] PerKeyRateLimiter limiter, ILogger<SmsConversation> logger, CancellationToken cancellationToken)
    {
        const string provider = "twilio";
        var body = await RequestBody.ReadAsync(request, MaxFormBytes, cancellationToken);
        if (body is null)
        {
            SmsLog.Refused(logger, provider, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var settings = options.Value.Twilio;
        var form = FormBody.Parse(body);
        if (!TwilioSignature.IsValid(settings.AuthToken ?? "", RequestBody.PublicUrl(request, settings.PublicBaseUrl), form, request.Headers[TwilioSignature.Header].FirstOrDefault()))
        {
            SmsLog.Refused(logger, provider, string.IsNullOrEmpty(settings.AuthToken) ? "no auth token configured" : "bad signature");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var town = conversation.TownName;
        var from = E164.FromInternational(form.Value("From"));
        var messageId = form.Value("MessageSid") ?? form.Value("SmsSid");
        if (from is null || string.IsNullOrEmpty(messageId))
        {
            SmsLog.Unusable(logger, provider, from is null ? "no usable sender number" : "no MessageSid");
            return Results.Text(TwiML.Message(SmsTexts.NotAccepted(town)), TwiML.ContentType);
        }

        if (!limiter.TryAcquire(ResidentDirectory.PhoneDigits(from)))
        {
            SmsLog.RateLimited(logger, provider);
            return Results.Text(TwiML.Message(SmsTexts.RateLimited(town)), TwiML.ContentType);
        }

        var answer = await conversation.HandleAsync(new InboundSms(provider, messageId, from, form.Value("Body")), cancellationToken);
        SmsLog.Handled(logger, provider, answer.Kind, answer.CaseId);
        return Results.Text(TwiML.Message(answer.Text), TwiML.ContentType);
    }

    private static async Task<IResult> Acs(HttpRequest request, IOptions<SmsOptions> options, SmsConversation conversation, SmsReplies replies, [FromKeyedServices(PerKeyRateLimiter.Names.SmsSenders)] PerKeyRateLimiter limiter, ILogger<SmsConversation> logger, CancellationToken cancellationToken)
    {
        const string provider = "acs";
        var body = await RequestBody.ReadAsync(request, MaxJsonBytes, cancellationToken);
        if (body is null)
        {
            SmsLog.Refused(logger, provider, "body too large");
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!SharedKey.Matches(options.Value.Acs.WebhookKey, request.Query[SharedKey.QueryName].FirstOrDefault(), request.Headers[SharedKey.HeaderName].FirstOrDefault()))
        {
            SmsLog.Refused(logger, provider, string.IsNullOrEmpty(options.Value.Acs.WebhookKey) ? "no webhook key configured" : "bad key");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        // Event Grid does not retry a 400, so a delivery we cannot read is not redelivered forever.
        if (EventGrid.Parse(body) is not { } events)
        {
            SmsLog.Unusable(logger, provider, "not an Event Grid delivery");
            return Results.BadRequest();
        }

        foreach (var item in events)
        {
            switch (item)
            {
                case EventGridEvent.SubscriptionValidation validation:
                    SmsLog.Validated(logger);
                    return Results.Text(EventGrid.ValidationAnswer(validation.ValidationCode), "application/json");

                case EventGridEvent.SmsReceived sms when E164.FromInternational(sms.From) is { } from:
                    await HandleWithoutReplyChannelAsync(provider, new InboundSms(provider, sms.MessageId, from, sms.Message), conversation, replies, limiter, logger, cancellationToken);
                    break;

                case EventGridEvent.SmsReceived:
                    SmsLog.Unusable(logger, provider, "no usable sender number");
                    break;

                case EventGridEvent.Unusable unusable:
                    SmsLog.Unusable(logger, provider, $"event type {unusable.EventType}");
                    break;
            }
        }

        return Results.Ok();
    }

    private static async Task<IResult> Aliyun(HttpRequest request, IOptions<SmsOptions> options, SmsConversation conversation, SmsReplies replies, [FromKeyedServices(PerKeyRateLimiter.Names.SmsSenders)] PerKeyRateLimiter limiter, ILogger<SmsConversation> logger, CancellationToken cancellationToken)
    {
        const string provider = "aliyun";
        const string json = "application/json; charset=utf-8";
        var body = await RequestBody.ReadAsync(request, MaxJsonBytes, cancellationToken);
        if (body is null)
        {
            SmsLog.Refused(logger, provider, "body too large");
            return Results.Text(AliyunSmsUp.Malformed, json, statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        if (!SharedKey.Matches(options.Value.Aliyun.WebhookKey, request.Query[SharedKey.QueryName].FirstOrDefault(), request.Headers[SharedKey.HeaderName].FirstOrDefault()))
        {
            SmsLog.Refused(logger, provider, string.IsNullOrEmpty(options.Value.Aliyun.WebhookKey) ? "no webhook key configured" : "bad key");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (AliyunSmsUp.Parse(body) is not { } items)
        {
            SmsLog.Unusable(logger, provider, "not an SmsUp push");
            return Results.Text(AliyunSmsUp.Malformed, json, statusCode: StatusCodes.Status400BadRequest);
        }

        foreach (var item in items)
        {
            if (item is null || E164.FromChinaMainland(item.PhoneNumber) is not { } from)
            {
                SmsLog.Unusable(logger, provider, item is null ? "item without sequence_id, phone_number or content" : "no usable sender number");
                continue;
            }

            await HandleWithoutReplyChannelAsync(provider, new InboundSms(provider, item.SequenceId, from, item.Content), conversation, replies, limiter, logger, cancellationToken);
        }

        return Results.Text(AliyunSmsUp.Accepted, json);
    }

    /// <summary>ACS and Aliyun: the webhook answer carries no text, so answers go out as texts of their own (a new case is acknowledged by the workflow).</summary>
    private static async Task HandleWithoutReplyChannelAsync(string provider, InboundSms message, SmsConversation conversation, SmsReplies replies, [FromKeyedServices(PerKeyRateLimiter.Names.SmsSenders)] PerKeyRateLimiter limiter, ILogger logger, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(ResidentDirectory.PhoneDigits(message.From)))
        {
            SmsLog.RateLimited(logger, provider);
            return;
        }

        var answer = await conversation.HandleAsync(message, cancellationToken);
        SmsLog.Handled(logger, provider, answer.Kind, answer.CaseId);
        if (!answer.CaseCreated)
        {
            await replies.SendOnceAsync($"reply-{provider}-{message.MessageId}", message.From, answer.Text, answer.CaseId, cancellationToken);
        }
    }
}
