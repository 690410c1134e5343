namespace Deliberation.Api.Channels;

/// <summary>Webhook bodies, read whole (signatures cover the raw bytes) and never beyond a limit.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>The URL the caller requested, as a provider that signs URLs (Twilio) saw it.</summary>
    public static string PublicUrl(HttpRequest request, string? publicBaseUrl)
    {
        var pathAndQuery = $"{request.PathBase}{request.Path}{request.QueryString}";
        if (!string.IsNullOrWhiteSpace(publicBaseUrl))
        {
            return publicBaseUrl.TrimEnd('/') + pathAndQuery;
        }

        // Behind a proxy, as Twilio's own validators do: the forwarded scheme and host are what Twilio signed.
        var scheme = First(request.Headers["X-Forwarded-Proto"]) ?? request.Scheme;
        var host = First(request.Headers["X-Forwarded-Host"]) ?? request.Host.Value;
        return $"{scheme}://{host}{pathAndQuery}";
    }

    private static string? First(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 0 || string.IsNullOrWhiteSpace(values[0]) ? null : values[0]!.Split(',')[0].Trim();
}
