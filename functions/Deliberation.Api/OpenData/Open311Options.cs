namespace Deliberation.Api.OpenData;

/// <summary><c>Open311</c>: who may file service requests through GeoReport v2 (reading needs no key).</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>
    /// The <c>api_key</c>s accepted on POST requests, one per partner application, separated by commas (one setting, one
    /// Key Vault secret in Azure); none configured means no POST is accepted.
    /// </summary>
    public string? ApiKeys { get; set; }

    /// <summary>True when <paramref name="key"/> is one of <see cref="ApiKeys"/> (compared in constant time).</summary>
    public bool Accepts(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return false;
        }

        var given = System.Text.Encoding.UTF8.GetBytes(key);
        var match = false;
        foreach (var configured in (ApiKeys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            match |= System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(given, System.Text.Encoding.UTF8.GetBytes(configured));
        }

        return match;
    }
}
