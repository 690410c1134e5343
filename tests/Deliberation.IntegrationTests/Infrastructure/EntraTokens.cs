using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>Tokens as Entra ID issues them (v2: the audience is the client id), signed with a key that stands in for the tenant's.</summary>
public static class EntraTokens
{
    /// <summary>
    /// A token from <paramref name="issuer"/> for <paramref name="audience"/> with an <c>oid</c> and <c>sub</c> and the
    /// given claims, valid for the hour before <paramref name="expires"/> (an hour from now by default); unsigned when
    /// <paramref name="key"/> is null.
    /// </summary>
    public static string Mint(SecurityKey? key, string issuer, string audience, IEnumerable<(string Type, string Value)> claims, DateTime? expires = null, string objectId = "", string? nonce = null)
    {
        var until = expires ?? DateTime.UtcNow.AddHours(1);
        var identity = new ClaimsIdentity([
            new Claim("oid", objectId.Length > 0 ? objectId : Guid.NewGuid().ToString()), new Claim("sub", "pairwise-subject"),
            .. claims.Select(c => new Claim(c.Type, c.Value))]);
        if (nonce is not null)
        {
            identity.AddClaim(new Claim("nonce", nonce));
        }

        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = identity,
            IssuedAt = until.AddHours(-1),
            NotBefore = until.AddHours(-1),
            Expires = until,
            SigningCredentials = key is null ? null : new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }
}
