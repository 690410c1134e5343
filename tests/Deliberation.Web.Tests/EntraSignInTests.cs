using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Web;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Deliberation.Web.Tests;

/// <summary>
/// The app in the Production environment with Entra ID sign-in: the tenant's key is a test RSA key, and the tenant's
/// endpoints are played by the browser's request routing (no network here).
/// </summary>
public sealed class EntraSiteFixture() : SiteFixture(Create())
{
    public const string Tenant = "00000000-0000-0000-0000-0000000000aa";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    public static readonly string Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";

    /// <summary>Stands in for the tenant's signing key.</summary>
    public static RsaSecurityKey TenantKey { get; } = new(RSA.Create(2048)) { KeyId = "tenant-key" };

    private static DeliberationApp Create() => new(
        settings: new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Auth:Authority"] = Issuer,
            ["Auth:Audience"] = ClientId,
        },
        services: services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            // What the tenant's OpenID metadata would give the API: its issuer and signing keys.
            o.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            o.Configuration.SigningKeys.Add(TenantKey);
        }));
}

/// <summary>
/// Staff sign in to the console with Entra ID through MSAL.js: authorization code with PKCE, by redirect, and the API
/// called with the access token MSAL holds. The tenant answers as Entra ID does: metadata, the authorize redirect,
/// and a token response checked against the code verifier.
/// </summary>
public sealed class EntraSignInTests(EntraSiteFixture site) : IClassFixture<EntraSiteFixture>
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private static readonly string Login = $"https://login.microsoftonline.com/{EntraSiteFixture.Tenant}";

    [Fact]
    public async Task Officer_SignsInWithAWorkAccount_ThroughTheTenantsPages_AndTheConsoleCallsTheApiWithTheToken()
    {
        var caseId = await FileAsync();
        var page = await site.NewPageAsync();
        var tenant = new FakeTenant(site, page);
        await page.RouteAsync("https://login.microsoftonline.com/**", tenant.AnswerAsync);

        await page.GotoAsync("/staff");
        Assert.Equal(0, await page.GetByLabel("身份").CountAsync()); // no development sign-in in Production
        await page.GetByRole(AriaRole.Button, new() { Name = "使用工作账号登录" }).ClickAsync();
        await page.GetByText("已登录：张泾村东宅巷邻坊").WaitForAsync(new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).WaitForAsync();

        var authorize = HttpUtility.ParseQueryString(new Uri(tenant.AuthorizeUrl!).Query);
        Assert.Equal(EntraSiteFixture.ClientId, authorize["client_id"]);
        Assert.Equal("code", authorize["response_type"]);
        Assert.Equal("S256", authorize["code_challenge_method"]);
        Assert.Equal($"{site.BaseUrl}/staff", authorize["redirect_uri"]);
        Assert.Contains($"api://{EntraSiteFixture.ClientId}/.default", authorize["scope"], StringComparison.Ordinal);
        Assert.True(tenant.VerifierMatched, "The token request's code_verifier did not match the authorize request's code_challenge.");
        Assert.Contains(tenant.ApiAuthorizations, h => h == $"Bearer {tenant.AccessToken}");
        Assert.DoesNotContain(tenant.ApiAuthorizations, h => h.StartsWith("Bearer dev:", StringComparison.Ordinal));
        Assert.Empty(site.PolicyViolations); // the tenant's endpoints are allowed by the site's connect-src
    }

    private async Task<string> FileAsync()
    {
        var client = site.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Token(("roles", "operator"), ("unit", "dispatch")));
        var response = await client.PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = "13800138000", text = "东宅路口的垃圾桶满了好几天没人清运", place = "张泾村东宅" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await site.App.PumpAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
    }

    private static string Token(params (string Type, string Value)[] claims) => Token(EntraSiteFixture.ClientId, claims);

    private static string Token(string audience, (string Type, string Value)[] claims, string? nonce = null) =>
        EntraTokens.Mint(
            EntraSiteFixture.TenantKey,
            EntraSiteFixture.Issuer,
            audience,
            [("tid", EntraSiteFixture.Tenant), ("preferred_username", "officer@town.example"), .. claims],
            objectId: "officer-oid",
            nonce: nonce);

    /// <summary>Entra ID's endpoints as the browser meets them, and what the console sent the API.</summary>
    private sealed class FakeTenant
    {
        private readonly string _baseUrl;
        private string? _nonce;
        private string? _challenge;

        public FakeTenant(EntraSiteFixture site, IPage page)
        {
            _baseUrl = site.BaseUrl;
            page.Request += (_, request) =>
            {
                if (request.Url.StartsWith($"{_baseUrl}/api/", StringComparison.Ordinal) && request.Headers.TryGetValue("authorization", out var value))
                {
                    ApiAuthorizations.Add(value);
                }
            };
        }

        public string? AuthorizeUrl { get; private set; }

        public string? AccessToken { get; private set; }

        public bool VerifierMatched { get; private set; }

        public ConcurrentBag<string> ApiAuthorizations { get; } = [];

        private static string ClientInfo => Base64Url(Encoding.UTF8.GetBytes($"{{\"uid\":\"officer-oid\",\"utid\":\"{EntraSiteFixture.Tenant}\"}}"));

        public async Task AnswerAsync(IRoute route)
        {
            var request = route.Request;
            var url = new Uri(request.Url);
            var cors = new Dictionary<string, string>
            {
                ["Access-Control-Allow-Origin"] = "*",
                ["Access-Control-Allow-Headers"] = "*",
                ["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS",
            };
            if (request.Method == "OPTIONS")
            {
                await route.FulfillAsync(new() { Status = 204, Headers = cors });
            }
            else if (url.AbsolutePath.EndsWith("/.well-known/openid-configuration", StringComparison.Ordinal))
            {
                await route.FulfillAsync(new() { Status = 200, Headers = cors, ContentType = "application/json", Body = JsonSerializer.Serialize(Metadata()) });
            }
            else if (url.AbsolutePath.Contains("/discovery/instance", StringComparison.Ordinal))
            {
                var instance = new Dictionary<string, object>
                {
                    ["tenant_discovery_endpoint"] = $"{Login}/v2.0/.well-known/openid-configuration",
                    ["api-version"] = "1.1",
                    ["metadata"] = new[] { new { preferred_network = "login.microsoftonline.com", preferred_cache = "login.windows.net", aliases = new[] { "login.microsoftonline.com", "login.windows.net" } } },
                };
                await route.FulfillAsync(new() { Status = 200, Headers = cors, ContentType = "application/json", Body = JsonSerializer.Serialize(instance) });
            }
            else if (url.AbsolutePath.EndsWith("/oauth2/v2.0/authorize", StringComparison.Ordinal))
            {
                // The user signs in; the tenant sends the browser back with a code, as the response_mode asks.
                AuthorizeUrl = request.Url;
                var query = HttpUtility.ParseQueryString(url.Query);
                _nonce = query["nonce"];
                _challenge = query["code_challenge"];
                var answer = $"code=fake-code&state={Uri.EscapeDataString(query["state"]!)}&client_info={ClientInfo}&session_state=s1";
                var back = query["response_mode"] == "query" ? $"{query["redirect_uri"]}?{answer}" : $"{query["redirect_uri"]}#{answer}";
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = $"<!doctype html><script>location.replace({JsonSerializer.Serialize(back)})</script>" });
            }
            else if (url.AbsolutePath.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal))
            {
                var form = HttpUtility.ParseQueryString(request.PostData ?? "");
                VerifierMatched = _challenge is not null && form["code"] == "fake-code"
                    && Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"] ?? ""))) == _challenge;
                AccessToken = Token(EntraSiteFixture.ClientId, [("roles", $"Officer:{ServicePoint}")]);
                var body = new Dictionary<string, object>
                {
                    ["token_type"] = "Bearer",
                    ["scope"] = $"api://{EntraSiteFixture.ClientId}/.default",
                    ["expires_in"] = 3600,
                    ["ext_expires_in"] = 3600,
                    ["access_token"] = AccessToken,
                    ["id_token"] = Token(EntraSiteFixture.ClientId, [("name", "东宅工作人员")], _nonce),
                    ["client_info"] = ClientInfo,
                };
                await route.FulfillAsync(new()
                {
                    Status = VerifierMatched ? 200 : 400,
                    Headers = cors,
                    ContentType = "application/json",
                    Body = VerifierMatched ? JsonSerializer.Serialize(body) : "{\"error\":\"invalid_grant\"}",
                });
            }
            else
            {
                await route.FulfillAsync(new() { Status = 404, Headers = cors, Body = "" });
            }
        }

        private static Dictionary<string, object> Metadata() => new()
        {
            ["issuer"] = EntraSiteFixture.Issuer,
            ["authorization_endpoint"] = $"{Login}/oauth2/v2.0/authorize",
            ["token_endpoint"] = $"{Login}/oauth2/v2.0/token",
            ["end_session_endpoint"] = $"{Login}/oauth2/v2.0/logout",
            ["jwks_uri"] = $"{Login}/discovery/v2.0/keys",
            ["response_modes_supported"] = new[] { "query", "fragment", "form_post" },
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["scopes_supported"] = new[] { "openid", "profile", "email", "offline_access" },
            ["subject_types_supported"] = new[] { "pairwise" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "private_key_jwt", "client_secret_basic" },
            ["tenant_region_scope"] = "AS",
            ["cloud_instance_name"] = "microsoftonline.com",
            ["http_logout_supported"] = true,
            ["frontchannel_logout_supported"] = true,
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
