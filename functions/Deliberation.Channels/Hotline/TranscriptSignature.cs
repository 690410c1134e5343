using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.Hotline;

public enum TranscriptSignatureCheck
{
    Valid,

    /// <summary>No secret configured, or the headers are missing or malformed.</summary>
    Missing,

    /// <summary>The timestamp is outside the allowed window (a replay, or a badly wrong clock).</summary>
    Stale,

    Mismatch,
}

/// <summary>
/// How the call centre signs a transcript: <c>X-Deliberation-Timestamp</c> (unix seconds) and
/// <c>X-Deliberation-Signature: sha256=&lt;hex HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>.
/// The timestamp is signed with the body, so an old request cannot be replayed with a fresh one.
/// </summary>
public static class TranscriptSignature
{
    public const string TimestampHeader = "X-Deliberation-Timestamp";
    public const string SignatureHeader = "X-Deliberation-Signature";
    public const string Scheme = "sha256=";

    public static string Compute(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var data = new byte[prefix.Length + body.Length];
        prefix.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data));
    }

    public static TranscriptSignatureCheck Verify(string? secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan window)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TranscriptSignatureCheck.Missing;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(secret, timestamp, body));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant())))
        {
            return TranscriptSignatureCheck.Mismatch;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799));
        return age.Duration() > window ? TranscriptSignatureCheck.Stale : TranscriptSignatureCheck.Valid;
    }
}
