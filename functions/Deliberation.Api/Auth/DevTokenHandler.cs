using System.Security.Claims;
using System.Text.Encodings.Web;
using Deliberation.Domain.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Auth;

/// <summary>
/// Local development tokens, shaped like the Entra ID ones the app uses in Azure (a user id, app roles
/// and a unit claim): <c>Authorization: Bearer dev:&lt;role&gt;[,&lt;role&gt;]:&lt;unitId&gt;[:&lt;userId&gt;]</c>. A representative
/// signs in as <c>dev:representative:&lt;representativeId&gt;</c>: the unit slot holds their id in the directory.
/// Only registered in the Development host environment (<see cref="AuthHosting"/>).
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

        var roles = parts[0].Split(',').Select(role => role.Trim()).ToList();

        // A representative's token names the representative where a unit would be (dev:representative:<repId>);
        // they are one person, so their user id is that id unless the token gives another.
        var userId = parts.Length == 3 ? parts[2]
            : roles.Contains(Roles.Representative, StringComparer.OrdinalIgnoreCase) ? parts[1]
            : $"{parts[0]}@{parts[1]}";
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(StaffClaims.Unit, parts[1]),
        };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
