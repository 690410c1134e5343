using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Deliberation.Channels.Sms;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.Sms;

/// <summary>
/// Texts through Azure Communication Services' SMS REST API (<c>POST {endpoint}/sms?api-version=2021-03-07</c>,
/// HMAC-SHA256 signed with the resource's access key). Anything but success throws, so the queue retries.
/// </summary>
public sealed class AcsSmsSender(IHttpClientFactory httpClients, IOptions<SmsOptions> options, TimeProvider time) : ISmsSender
{
    public const string HttpClientName = "sms-acs";
    public const string ApiVersion = "2021-03-07";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task SendAsync(OutboundText message, CancellationToken cancellationToken)
    {
        var settings = options.Value.Acs;
        var connection = AcsConnection.Parse(settings.ConnectionString) ?? throw new InvalidOperationException("Channels:Sms:Acs:ConnectionString is not set.");
        var uri = new Uri(connection.Endpoint, $"sms?api-version={ApiVersion}");
        var body = Body(settings.From!, message.To, message.Text);
        var signed = AcsRequestSigning.Sign("POST", uri, body, connection.AccessKey, time.GetUtcNow());

        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("x-ms-date", signed.Date);
        request.Headers.TryAddWithoutValidation("x-ms-content-sha256", signed.ContentHash);
        request.Headers.TryAddWithoutValidation("Authorization", signed.Authorization);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"ACS SMS answered {(int)response.StatusCode} for notification {message.NotificationId}.", null, response.StatusCode);
        }

        // 202 carries one result per recipient; a recipient ACS did not take is not sent. A body we cannot
        // read is not a refusal: treating it as one would text the resident again on the retry.
        if (RejectedStatus(await response.Content.ReadAsByteArrayAsync(cancellationToken)) is { } status)
        {
            throw new HttpRequestException($"ACS SMS did not accept notification {message.NotificationId} (recipient status {status}).");
        }
    }

    private static string? RejectedStatus(byte[] answer)
    {
        try
        {
            using var result = JsonDocument.Parse(answer);
            if (result.RootElement.ValueKind == JsonValueKind.Object && result.RootElement.TryGetProperty("value", out var values) && values.ValueKind == JsonValueKind.Array)
            {
                foreach (var value in values.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("successful", out var ok) && ok.ValueKind == JsonValueKind.False)
                    {
                        return value.TryGetProperty("httpStatusCode", out var code) ? code.GetRawText() : "?";
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or empty): accepted as far as HTTP says.
        }

        return null;
    }

    /// <summary>The request body, field for field as the REST reference shows it.</summary>
    public static byte[] Body(string from, string to, string text)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            json.WriteString("from", from);
            json.WriteStartArray("smsRecipients");
            json.WriteStartObject();
            json.WriteString("to", to);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteString("message", text);
            json.WriteStartObject("smsSendOptions");
            json.WriteBoolean("enableDeliveryReport", false);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
