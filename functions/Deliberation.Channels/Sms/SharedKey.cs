using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.Sms;

/// <summary>
/// Webhooks whose providers do not sign (Event Grid to a plain webhook, Aliyun's push) carry a key we
/// configured into their URL (<c>?code=</c>, as Azure Functions keys do) or an <c>x-functions-key</c> header.
/// </summary>
public static class SharedKey
{
    public const string QueryName = "code";
    public const string HeaderName = "x-functions-key";

    /// <summary>True only when a key is configured and one of the presented keys equals it (in constant time).</summary>
    public static bool Matches(string? configured, params string?[] presented)
    {
        if (string.IsNullOrEmpty(configured))
        {
            return false;
        }

        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(configured));
        var match = false;
        foreach (var key in presented)
        {
            // Comparing hashes keeps the comparison constant-time whatever the lengths.
            match |= key is not null && CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }
}
