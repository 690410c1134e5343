using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Deliberation.Functions.Auth;

/// <summary>
/// Local development tokens, shaped like the Entra ID ones the app uses in Azure (a user id, app roles
/// and a unit claim): <c>Authorization: Bearer dev:&lt;role&gt;[,&lt;role&gt;]:&lt;unitId&gt;[:&lt;userId&gt;]</c>.
/// Only registered when <c>Auth:Mode</c> is Development.
/// </summary>
public sealed class DevTokenHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevToken";
    private const string Prefix = "Bearer dev:";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = header[Prefix.Length..].Split(':');
        if (parts.Length is < 2 or > 3 || parts.Any(string.IsNullOrWhiteSpace))
        {
            return Task.FromResult(AuthenticateResult.Fail("A development token reads dev:<role>:<unitId>[:<userId>]."));
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, parts.Length == 3 ? parts[2] : $"{parts[0]}@{parts[1]}"),
            new(StaffClaims.Unit, parts[1]),
        };
        claims.AddRange(parts[0].Split(',').Select(role => new Claim(ClaimTypes.Role, role.Trim())));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
