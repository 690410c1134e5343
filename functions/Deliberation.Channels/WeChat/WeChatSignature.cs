using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.WeChat;

/// <summary>
/// WeChat's request signatures: SHA-1 (lower-case hex) of the parts sorted in ordinal order and concatenated.
/// <c>signature</c> signs token, timestamp and nonce; in safe mode <c>msg_signature</c> also signs the Encrypt value.
/// </summary>
public static class WeChatSignature
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350:Do not use weak cryptographic algorithms", Justification = "WeChat's protocol defines its signatures as SHA-1.")]
    public static string Compute(params string[] parts)
    {
        var sorted = parts.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
    }

    /// <summary>Whether <paramref name="signature"/> is the SHA-1 of the parts, compared in constant time.</summary>
    public static bool Verify(string? signature, params string?[] parts)
    {
        if (string.IsNullOrEmpty(signature) || parts.Any(p => p is null))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Compute(parts!));
        var given = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }
}
