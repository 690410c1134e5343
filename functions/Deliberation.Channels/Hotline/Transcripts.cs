using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Channels.Sms;

namespace Deliberation.Channels.Hotline;

/// <summary>A call centre's transcript of one call.</summary>
public sealed record CallTranscript(string? CallId, string? Caller, string? Text, string? Place = null, string? Category = null);

/// <summary>Twilio's transcription callback (TranscriptionText, CallSid, From …), as far as a case needs it.</summary>
public sealed record TwilioTranscription(string? CallSid, string? From, string? Text, string? Status);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CallTranscript))]
internal sealed partial class TranscriptJson : JsonSerializerContext;

public static class Transcripts
{
    /// <summary>The transcript in a call centre's JSON body; null when the body is not a JSON object.</summary>
    public static CallTranscript? ParseCallCentre(ReadOnlySpan<byte> body)
    {
        try
        {
            return JsonSerializer.Deserialize(body, TranscriptJson.Default.CallTranscript);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TwilioTranscription ParseTwilio(IReadOnlyList<KeyValuePair<string, string>> form) =>
        new(form.Value("CallSid"), form.Value("From") ?? form.Value("Caller"), form.Value("TranscriptionText"), form.Value("TranscriptionStatus"));
}
