using System.Net.Http.Headers;
using System.Text;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.Sms;

/// <summary>
/// Texts through Twilio's Messages API (<c>POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>,
/// a form with To, From or MessagingServiceSid, Body; Basic auth). Anything but success throws, so the queue retries.
/// </summary>
public sealed class TwilioSmsSender(IHttpClientFactory httpClients, IOptions<SmsOptions> options) : ISmsSender
{
    public const string HttpClientName = "sms-twilio";

    public async Task SendAsync(OutboundText message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Twilio;
        var uri = new Uri($"{settings.ApiBaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(settings.AccountSid!)}/Messages.json");
        var form = new List<KeyValuePair<string, string>> { new("To", message.To) };
        form.Add(string.IsNullOrEmpty(settings.From) ? new("MessagingServiceSid", settings.MessagingServiceSid!) : new("From", settings.From));
        form.Add(new("Body", message.Text));

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.AccountSid}:{settings.AuthToken}")));
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Twilio answered {(int)response.StatusCode} for notification {message.NotificationId}.", null, response.StatusCode);
        }
    }
}
