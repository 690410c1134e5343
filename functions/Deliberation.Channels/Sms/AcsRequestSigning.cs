using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.Sms;

/// <summary>An ACS connection string: <c>endpoint=https://…/;accesskey=…</c>.</summary>
public sealed record AcsConnection(Uri Endpoint, string AccessKey)
{
    public static AcsConnection? Parse(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }

        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        return parts.TryGetValue("endpoint", out var endpoint) && Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            && parts.TryGetValue("accesskey", out var key) && key.Length > 0
            ? new AcsConnection(uri, key)
            : null;
    }
}

/// <summary>The headers of one HMAC-signed ACS request.</summary>
public sealed record AcsSignedHeaders(string Date, string ContentHash, string Authorization);

/// <summary>
/// Azure Communication Services HMAC-SHA256 request signing: the string
/// <c>VERB\npath-and-query\ndate;host;content-hash</c> is signed with the Base64-decoded access key.
/// </summary>
public static class AcsRequestSigning
{
    public static AcsSignedHeaders Sign(string method, Uri uri, ReadOnlySpan<byte> body, string accessKey, DateTimeOffset now)
    {
        var date = now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        var contentHash = Convert.ToBase64String(SHA256.HashData(body));
        var toSign = $"{method.ToUpperInvariant()}\n{uri.PathAndQuery}\n{date};{uri.Authority};{contentHash}";
        var signature = Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(accessKey), Encoding.UTF8.GetBytes(toSign)));
        return new AcsSignedHeaders(date, contentHash, $"HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature={signature}");
    }
}
