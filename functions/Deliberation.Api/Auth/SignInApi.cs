using Deliberation.Storage.Directory;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Auth;

/// <summary>
/// How the console signs staff in. <c>EntraId</c> is what MSAL.js needs for the authorization code flow with PKCE:
/// the authority (without the <c>/v2.0</c> issuer suffix), the single-page app's client id and the API's scopes.
/// <c>Development</c> says the dev tokens are accepted (the Development environment only).
/// </summary>
public sealed record SignInConfig(bool Development, EntraSignIn? EntraId);

public sealed record EntraSignIn(string Authority, string ClientId, IReadOnlyList<string> Scopes);

/// <summary>The signed-in staff member as the API sees them: what decides which desk the console opens.</summary>
public sealed record MeView(string UserId, string UnitId, IReadOnlyList<string> Roles, string? RepresentativeId, string Label);

public static class SignInApi
{
    public static IEndpointRouteBuilder MapSignInApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/config", (IOptions<AuthOptions> options, IHostEnvironment environment) =>
            TypedResults.Ok(new SignInConfig(environment.IsDevelopment(), Entra(options.Value))))
            .AllowAnonymous().WithName("GetSignInConfig");

        app.MapGet("/api/me", async (HttpContext http, DirectoryStore store, CancellationToken ct) =>
        {
            if (Apis.ApiResults.Staff(http) is not { } staff)
            {
                return (IResult)Apis.ApiResults.Forbidden("Your sign-in names no unit: ask the town's administrator to assign one (app role or unit claim).");
            }

            var town = (await store.LoadAsync(ct)).Directory;
            var label = staff.RepresentativeId is { } id && town.FindRepresentative(id) is { } representative
                ? $"{representative.Name}（{representative.Body}）"
                : town.Units.FirstOrDefault(u => u.Id == staff.UnitId)?.Name ?? staff.UnitId;
            return TypedResults.Ok(new MeView(staff.UserId, staff.UnitId, [.. staff.Roles.Order(StringComparer.Ordinal)], staff.RepresentativeId, label));
        }).RequireAuthorization().WithName("GetMe");
        return app;
    }

    /// <summary>
    /// The settings as MSAL.js wants them. <c>Auth:ClientId</c> is the console's app registration (a single-page
    /// application); without it the API's own registration (<c>Auth:Audience</c>) signs staff in. <c>Auth:Scope</c>
    /// defaults to the API's <c>.default</c> scope, which asks for no consent beyond what the tenant granted.
    /// </summary>
    public static EntraSignIn? Entra(AuthOptions options)
    {
        if (!options.HasEntraId)
        {
            return null;
        }

        var authority = options.Authority!.TrimEnd('/');
        if (authority.EndsWith("/v2.0", StringComparison.OrdinalIgnoreCase))
        {
            authority = authority[..^"/v2.0".Length];
        }

        var audience = options.Audience!.Trim();
        var apiId = audience.StartsWith("api://", StringComparison.OrdinalIgnoreCase) ? audience : $"api://{audience}";
        var clientId = !string.IsNullOrWhiteSpace(options.ClientId) ? options.ClientId.Trim() : audience.Replace("api://", "", StringComparison.OrdinalIgnoreCase);
        var scope = !string.IsNullOrWhiteSpace(options.Scope) ? options.Scope.Trim() : $"{apiId}/.default";
        return new EntraSignIn(authority, clientId, [scope]);
    }
}
