namespace Deliberation.Api.Auth;

/// <summary>
/// How staff sign in: Entra ID access tokens (JWT bearer). Outside the Development environment these settings are
/// required; in Development the local dev tokens work too, and Entra ID tokens as well once these are set.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Entra ID authority, e.g. https://login.microsoftonline.com/{tenant}/v2.0 (another cloud's login host in Azure China).</summary>
    public string? Authority { get; set; }

    /// <summary>The app registration's client id (v2 tokens' audience); <c>api://{client id}</c> is accepted too.</summary>
    public string? Audience { get; set; }

    /// <summary>The staff console's app registration (a single-page application); by default the API's own (<see cref="Audience"/>).</summary>
    public string? ClientId { get; set; }

    /// <summary>The scope the console asks a token for; by default <c>api://{Audience}/.default</c>.</summary>
    public string? Scope { get; set; }

    /// <summary>The claim carrying the user's unit id (an optional claim or directory extension attribute).</summary>
    public string UnitClaim { get; set; } = "unit";

    /// <summary>Both Entra ID settings are given.</summary>
    public bool HasEntraId => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(Audience);
}
