using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Auth;

public static class AuthHosting
{
    /// <summary>The scheme requests are authenticated with: it hands each to the dev-token or the Entra ID handler.</summary>
    public const string StaffScheme = "Staff";

    private const string DevTokenPrefix = "Bearer dev:";

    /// <summary>
    /// Staff authentication, decided by the host environment (never by a setting): Entra ID bearer tokens everywhere
    /// once <see cref="AuthOptions"/> name the tenant and app, and required outside Development; the local dev tokens
    /// only in Development. Elsewhere <c>Bearer dev:…</c> reaches the Entra ID handler, which refuses it (401).
    /// </summary>
    public static IHostApplicationBuilder AddStaffAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidation>());

        var development = builder.Environment.IsDevelopment();
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var entraId = auth.HasEntraId || !development;

        var authentication = services.AddAuthentication(StaffScheme);
        authentication.AddPolicyScheme(StaffScheme, "Staff sign-in", o => o.ForwardDefaultSelector = context =>
            development && (!entraId || context.Request.Headers.Authorization.ToString().StartsWith(DevTokenPrefix, StringComparison.Ordinal))
                ? DevTokenHandler.SchemeName
                : JwtBearerDefaults.AuthenticationScheme);
        if (development)
        {
            authentication.AddScheme<AuthenticationSchemeOptions, DevTokenHandler>(DevTokenHandler.SchemeName, null);
        }

        if (entraId)
        {
            // Outside Development the settings are validated at start; binding here only reads what is there.
            authentication.AddJwtBearer(o => Configure(o, auth));
        }

        services.AddAuthorization();
        return builder;
    }

    private static void Configure(JwtBearerOptions options, AuthOptions auth)
    {
        options.Authority = auth.Authority;
        options.TokenValidationParameters.ValidAudiences = string.IsNullOrWhiteSpace(auth.Audience)
            ? []
            : [auth.Audience, $"api://{auth.Audience}"];

        // The token's own claim names ("roles", "oid"), not WS-Federation URIs; EntraClaims maps them once.
        options.MapInboundClaims = false;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                context.Principal = new(EntraClaims.ToStaffIdentity(context.Principal!, auth.UnitClaim, JwtBearerDefaults.AuthenticationScheme));
                return Task.CompletedTask;
            },
        };
    }
}
