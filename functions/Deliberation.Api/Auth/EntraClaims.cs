using System.Security.Claims;

namespace Deliberation.Api.Auth;

/// <summary>
/// Turns a validated Entra ID access token into the principal the app reads (<see cref="StaffClaims"/>): the user is
/// the token's <c>oid</c>, the roles are its app roles (<c>roles</c>), the unit is the configured unit claim. Where a
/// town gives units by app role instead, an app role named <c>&lt;role&gt;:&lt;unitId&gt;</c> (e.g.
/// <c>officer:sp-zhangjing-dongzhai</c>) is that role in that unit; a token whose roles name more than one unit and
/// that has no unit claim has no unit, and so no access to any unit's work.
/// </summary>
public static class EntraClaims
{
    public const string Roles = "roles";
    public const string ObjectId = "oid";
    public const string Subject = "sub";

    public static ClaimsIdentity ToStaffIdentity(ClaimsPrincipal token, string unitClaim, string authenticationType)
    {
        var claims = new List<Claim>();
        if ((token.FindFirst(ObjectId) ?? token.FindFirst(Subject)) is { } user)
        {
            claims.Add(new Claim(ClaimTypes.NameIdentifier, user.Value));
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        var roleUnits = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in token.FindAll(Roles).Select(c => c.Value.Trim()))
        {
            var separator = value.IndexOf(':', StringComparison.Ordinal);
            if (separator < 0)
            {
                roles.Add(value.ToLowerInvariant());
            }
            else if (separator > 0 && separator < value.Length - 1)
            {
                roles.Add(value[..separator].ToLowerInvariant());
                roleUnits.Add(value[(separator + 1)..]);
            }
        }

        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        var unit = token.FindFirst(unitClaim)?.Value ?? (roleUnits.Count == 1 ? roleUnits.Single() : null);
        if (!string.IsNullOrWhiteSpace(unit))
        {
            claims.Add(new Claim(StaffClaims.Unit, unit));
        }

        return new ClaimsIdentity(claims, authenticationType, ClaimTypes.NameIdentifier, ClaimTypes.Role);
    }
}
