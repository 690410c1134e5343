using Microsoft.Extensions.Options;

namespace Deliberation.Api.Auth;

/// <summary>
/// Fails closed: outside the Development host environment the app does not start without Entra ID settings (there is
/// no other way in). In Development they are optional, but a half-given or malformed pair is refused there too.
/// </summary>
public sealed class AuthOptionsValidation(IHostEnvironment environment) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = new List<string>();
        var authority = !string.IsNullOrWhiteSpace(options.Authority);
        var audience = !string.IsNullOrWhiteSpace(options.Audience);
        if (!environment.IsDevelopment() && !(authority && audience))
        {
            problems.Add($"Auth:Authority and Auth:Audience (Entra ID) are required outside the Development environment (it is {environment.EnvironmentName}); staff have no other way to sign in.");
        }
        else if (authority != audience)
        {
            problems.Add($"Auth:{(authority ? "Audience" : "Authority")} is missing: Entra ID sign-in needs both Auth:Authority and Auth:Audience.");
        }

        if (authority && !(Uri.TryCreate(options.Authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            problems.Add("Auth:Authority must be an absolute https:// address, e.g. https://login.microsoftonline.com/{tenant}/v2.0.");
        }

        if (string.IsNullOrWhiteSpace(options.UnitClaim))
        {
            problems.Add("Auth:UnitClaim must name a claim.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
