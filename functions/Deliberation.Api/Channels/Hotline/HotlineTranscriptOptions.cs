namespace Deliberation.Api.Channels.Hotline;

/// <summary><c>Channels:Hotline</c>: the call centre's transcript webhook.</summary>
public sealed class HotlineTranscriptOptions
{
    public const string Section = "Channels:Hotline";

    /// <summary>The shared secret the call centre signs transcripts with (HMAC-SHA256). Unset: every transcript is refused.</summary>
    public string? TranscriptSecret { get; set; }

    /// <summary>How far a signed timestamp may be from our clock, either way.</summary>
    public TimeSpan TranscriptWindow { get; set; } = TimeSpan.FromMinutes(5);
}
