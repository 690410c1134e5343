using System.ComponentModel.DataAnnotations;
using Deliberation.Channels.Sms;

namespace Deliberation.Api.Channels.Sms;

public enum SmsProvider
{
    /// <summary>No provider: texts land in the development outbox.</summary>
    Development,
    Acs,
    Twilio,
}

/// <summary><c>Channels:Sms</c>: inbound webhooks and the provider texts go out through.</summary>
public sealed class SmsOptions
{
    public const string Section = "Channels:Sms";

    /// <summary>Who sends texts; when unset, the provider whose sending credentials are configured (ACS first), else the development outbox.</summary>
    public SmsProvider? Provider { get; set; }

    /// <summary>Inbound texts accepted per sender and minute; more get a polite "later" and create nothing.</summary>
    [Range(1, 10_000)]
    public int MaxMessagesPerMinute { get; set; } = 10;

    public TwilioSmsOptions Twilio { get; set; } = new();

    public AcsSmsOptions Acs { get; set; } = new();

    public AliyunSmsOptions Aliyun { get; set; } = new();

    public SmsProvider SendingProvider => Provider ?? (Acs.CanSend ? SmsProvider.Acs : Twilio.CanSend ? SmsProvider.Twilio : SmsProvider.Development);

    public bool IsValid(out string? error)
    {
        error = SendingProvider switch
        {
            SmsProvider.Acs when !Acs.CanSend => "Channels:Sms:Provider Acs needs Channels:Sms:Acs:ConnectionString (endpoint=…;accesskey=…) and Channels:Sms:Acs:From.",
            SmsProvider.Twilio when !Twilio.CanSend => "Channels:Sms:Provider Twilio needs Channels:Sms:Twilio:AccountSid, AuthToken and From or MessagingServiceSid.",
            _ when !Uri.TryCreate(Twilio.ApiBaseUrl, UriKind.Absolute, out _) => "Channels:Sms:Twilio:ApiBaseUrl must be an absolute URL.",
            _ => null,
        };
        return error is null;
    }
}

public sealed class TwilioSmsOptions
{
    public string? AccountSid { get; set; }

    /// <summary>Signs inbound webhooks (X-Twilio-Signature) and authenticates sending.</summary>
    public string? AuthToken { get; set; }

    public string? From { get; set; }

    public string? MessagingServiceSid { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>The public base URL Twilio calls (e.g. https://deliberation.example.cn) when a proxy or the Functions host rewrites it.</summary>
    public string? PublicBaseUrl { get; set; }

    public bool CanSend => !string.IsNullOrEmpty(AccountSid) && !string.IsNullOrEmpty(AuthToken)
        && (!string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(MessagingServiceSid));
}

public sealed class AcsSmsOptions
{
    public string? ConnectionString { get; set; }

    public string? From { get; set; }

    /// <summary>The key Event Grid presents (<c>?code=</c> in the subscription's endpoint URL, or an <c>x-functions-key</c> delivery header).</summary>
    public string? WebhookKey { get; set; }

    public bool CanSend => AcsConnection.Parse(ConnectionString) is not null && !string.IsNullOrEmpty(From);
}

public sealed class AliyunSmsOptions
{
    /// <summary>The key in the push URL configured in the Aliyun console (<c>?code=</c>), or an <c>x-functions-key</c> header.</summary>
    public string? WebhookKey { get; set; }
}
