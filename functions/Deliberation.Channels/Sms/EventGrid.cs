using System.Text.Json;

namespace Deliberation.Channels.Sms;

/// <summary>One event of an Event Grid delivery, as far as we care.</summary>
public abstract record EventGridEvent(string Id)
{
    /// <summary>Event Grid proving the endpoint is ours: answer 200 with <c>{"validationResponse": code}</c>.</summary>
    public sealed record SubscriptionValidation(string Id, string ValidationCode) : EventGridEvent(Id);

    /// <summary><c>Microsoft.Communication.SMSReceived</c>: From/To as ACS sends them (country code, maybe no +).</summary>
    public sealed record SmsReceived(string Id, string MessageId, string From, string To, string Message, DateTimeOffset? ReceivedAt) : EventGridEvent(Id);

    /// <summary>Any other event type, or an SMSReceived without the fields we need.</summary>
    public sealed record Unusable(string Id, string EventType) : EventGridEvent(Id);
}

/// <summary>
/// Event Grid deliveries (Event Grid schema: a JSON array of events with <c>eventType</c>; a single
/// CloudEvents-schema object with <c>type</c> is read too).
/// </summary>
public static class EventGrid
{
    public const string ValidationEventType = "Microsoft.EventGrid.SubscriptionValidationEvent";
    public const string SmsReceivedEventType = "Microsoft.Communication.SMSReceived";

    /// <summary>The events of a delivery; null when the body is not an Event Grid delivery at all.</summary>
    public static IReadOnlyList<EventGridEvent>? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            var items = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => null,
            };
            if (items is null || items.Any(e => e.ValueKind != JsonValueKind.Object))
            {
                return null;
            }

            return items.Select(Read).ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string ValidationAnswer(string code) => JsonSerializer.Serialize(new Dictionary<string, string> { ["validationResponse"] = code });

    private static EventGridEvent Read(JsonElement item)
    {
        var id = String(item, "id") ?? "";
        var type = String(item, "eventType") ?? String(item, "type") ?? "";
        var data = item.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        if (type == ValidationEventType && data.ValueKind == JsonValueKind.Object && String(data, "validationCode") is { } code)
        {
            return new EventGridEvent.SubscriptionValidation(id, code);
        }

        if (type == SmsReceivedEventType && data.ValueKind == JsonValueKind.Object
            && String(data, "From") is { } from && String(data, "To") is { } to && String(data, "Message") is { } message)
        {
            var messageId = String(data, "MessageId") ?? id;
            var received = String(data, "ReceivedTimestamp") is { } at && DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : (DateTimeOffset?)null;
            if (messageId.Length > 0)
            {
                return new EventGridEvent.SmsReceived(id, messageId, from, to, message, received);
            }
        }

        return new EventGridEvent.Unusable(id, type);
    }

    /// <summary>A string property, matched without regard to case (ACS writes PascalCase, Event Grid camelCase).</summary>
    private static string? String(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
            }
        }

        return null;
    }
}
