using System.Security.Claims;
using Deliberation.Domain.Access;

namespace Deliberation.Api.Auth;

public static class StaffClaims
{
    public const string Unit = "unit";

    /// <summary>The staff member behind a request, or null when the token lacks a unit.</summary>
    public static StaffUser? ToStaffUser(this ClaimsPrincipal principal)
    {
        var unit = principal.FindFirstValue(Unit);
        var user = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? principal.FindFirstValue("oid") ?? principal.FindFirstValue("sub");
        if (unit is null || user is null)
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role).Concat(principal.FindAll("roles")).Select(c => c.Value.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return new StaffUser(user, unit, roles);
    }
}
