namespace Deliberation.Api.Auth;

/// <summary>How staff are authenticated.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>Development</c> (dev tokens, local only) or <c>EntraId</c> (JWT bearer tokens).</summary>
    public string Mode { get; set; } = "Development";

    /// <summary>Entra ID authority, e.g. https://login.microsoftonline.com/{tenant}/v2.0.</summary>
    public string? Authority { get; set; }

    /// <summary>The app's Application ID URI or client id.</summary>
    public string? Audience { get; set; }

    /// <summary>The claim carrying the user's unit id (an optional claim or directory extension attribute).</summary>
    public string UnitClaim { get; set; } = "unit";

    public bool IsDevelopment => string.Equals(Mode, "Development", StringComparison.OrdinalIgnoreCase);
}
