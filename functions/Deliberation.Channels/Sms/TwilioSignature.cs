using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.Sms;

/// <summary>
/// Twilio's request signature (X-Twilio-Signature): Base64 HMAC-SHA1, keyed with the account's auth token,
/// over the full URL Twilio requested followed by every POST parameter, sorted by name, as name+value.
/// Like Twilio's own validators, a URL is accepted with and without its scheme's default port, because
/// Twilio may sign either form depending on how the webhook URL was configured.
/// </summary>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        // Twilio's protocol fixes HMAC-SHA1; it is the provider's choice, not ours.
#pragma warning disable CA5350
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
#pragma warning restore CA5350
    }

    public static bool IsValid(string authToken, string url, IReadOnlyCollection<KeyValuePair<string, string>> parameters, string? signature)
    {
        if (string.IsNullOrEmpty(authToken) || string.IsNullOrEmpty(signature))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlVariants(url))
        {
            // No early exit: every variant costs the same whether or not an earlier one matched.
            valid |= CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(Compute(authToken, candidate, parameters)));
        }

        return valid;
    }

    /// <summary>The URL as given, and the same URL with its default port added (when absent) or removed (when present).</summary>
    public static IReadOnlyList<string> UrlVariants(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd <= 0)
        {
            return [url];
        }

        var defaultPort = url[..schemeEnd].ToLowerInvariant() switch { "https" => "443", "http" => "80", _ => null };
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        authorityEnd = authorityEnd < 0 ? url.Length : authorityEnd;
        var authority = url[authorityStart..authorityEnd];
        var colon = authority.LastIndexOf(':');
        var hasPort = colon >= 0 && !authority.EndsWith(']') && authority[(colon + 1)..].All(char.IsAsciiDigit);
        if (defaultPort is null)
        {
            return [url];
        }

        var other = hasPort
            ? authority[(colon + 1)..] == defaultPort ? authority[..colon] : null
            : $"{authority}:{defaultPort}";
        return other is null ? [url] : [url, url[..authorityStart] + other + url[authorityEnd..]];
    }
}
