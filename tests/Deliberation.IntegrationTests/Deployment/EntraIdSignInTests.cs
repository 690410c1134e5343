using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Deliberation.Api.Auth;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Deliberation.IntegrationTests.Deployment;

/// <summary>
/// Staff signing in with Entra ID in the Production environment: tokens minted here, signed with a test RSA key that
/// stands in for the tenant's (the JwtBearer options get it as the tenant's metadata would give it). Dev tokens and
/// the development outbox do not exist there.
/// </summary>
public sealed class EntraIdSignInTests : IAsyncLifetime
{
    private const string Tenant = "00000000-0000-0000-0000-0000000000aa";
    private const string ClientId = "11111111-2222-3333-4444-555555555555";
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private static readonly string Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";

    private readonly RsaSecurityKey _tenantKey = new(RSA.Create(2048)) { KeyId = "tenant-key" };
    private readonly DeliberationApp _app;
    private string _caseId = "";

    public EntraIdSignInTests()
    {
        _app = new DeliberationApp(
            settings: new Dictionary<string, string?>
            {
                ["environment"] = "Production",
                ["Auth:Authority"] = Issuer,
                ["Auth:Audience"] = ClientId,
                ["Auth:UnitClaim"] = "extn.unit",
            },
            services: services => services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
            {
                // What the tenant's OpenID metadata would give: its issuer and signing keys (no network here).
                o.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                o.Configuration.SigningKeys.Add(_tenantKey);
            }));
    }

    public async Task InitializeAsync()
    {
        var response = await Client(Token(("roles", "operator"), ("extn.unit", "dispatch"))).PostAsJsonAsync(
            "/api/hotline/workorders", new { callerPhone = "13800138000", text = "东宅路口的垃圾桶满了好几天没人清运", place = "张泾村东宅" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        _caseId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        await _app.PumpAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ValidToken_WithOfficerRoleAndUnitClaim_ReadsItsUnitsCaseButNotAnothers()
    {
        var own = Client(Token(("roles", "officer"), ("extn.unit", ServicePoint)));
        var other = Client(Token(("roles", "officer"), ("extn.unit", "chengguan")));

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/cases/{_caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/cases/{_caseId}")).StatusCode);
    }

    [Fact]
    public async Task ValidToken_WithUnitNamedInTheAppRole_ActsForThatUnit()
    {
        var officer = Client(Token(("roles", $"Officer:{ServicePoint}")));

        var acknowledged = await officer.PostAsJsonAsync($"/api/cases/{_caseId}/acknowledge", new { });

        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal("Acknowledged", await StatusAsync());
    }

    [Fact]
    public async Task ValidToken_WithoutTheRightRole_IsForbidden()
    {
        var operatorToken = Client(Token(("roles", "operator"), ("extn.unit", ServicePoint)));

        Assert.Equal(HttpStatusCode.Forbidden, (await operatorToken.PostAsJsonAsync($"/api/cases/{_caseId}/acknowledge", new { })).StatusCode);
        Assert.Equal("Dispatched", await StatusAsync());
    }

    [Fact]
    public async Task WrongAudienceExpiredUnsignedForeignKeyOrDevToken_AreUnauthorized_AndChangeNothing()
    {
        var officer = new[] { ("roles", "officer"), ("extn.unit", ServicePoint) };
        var foreignKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "tenant-key" };
        string[] refused =
        [
            Token(officer, audience: "api://some-other-app"),
            Token(officer, expires: DateTime.UtcNow.AddMinutes(-10)),
            Token(officer, unsigned: true),
            Token(officer, key: foreignKey),
            Token(officer, issuer: "https://login.microsoftonline.com/another-tenant/v2.0"),
            $"dev:officer:{ServicePoint}:w1",
            $"dev:admin:dispatch:a1",
        ];

        foreach (var token in refused)
        {
            var client = Client(token);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/cases/{_caseId}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync($"/api/cases/{_caseId}/acknowledge", new { })).StatusCode);
        }

        Assert.Equal("Dispatched", await StatusAsync());
    }

    [Fact]
    public async Task DevelopmentOutbox_InProduction_IsNotFound()
    {
        var anonymous = _app.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/dev/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/dev/outbox/{_caseId}")).StatusCode);
    }

    [Fact]
    public async Task SignInConfig_GivesTheConsoleItsMsalSettings_AndNoDevelopmentSignIn()
    {
        var config = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/auth/config");

        Assert.False(config.GetProperty("development").GetBoolean());
        var entra = config.GetProperty("entraId");
        Assert.Equal($"https://login.microsoftonline.com/{Tenant}", entra.GetProperty("authority").GetString());
        Assert.Equal(ClientId, entra.GetProperty("clientId").GetString());
        Assert.Equal([$"api://{ClientId}/.default"], entra.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Me_IsTheRoleAndUnitTheTokenGives_NamedFromTheDirectory_AndNeedsAToken()
    {
        var me = await Client(Token(("roles", $"Officer:{ServicePoint}"))).GetFromJsonAsync<JsonElement>("/api/me");
        var representative = await Client(Token(("roles", "representative"), ("extn.unit", "rep-yao-jianhua"))).GetFromJsonAsync<JsonElement>("/api/me");
        var noUnit = await Client(Token(("roles", "officer"))).GetAsync("/api/me");
        var anonymous = await _app.CreateClient().GetAsync("/api/me");

        Assert.Equal(ServicePoint, me.GetProperty("unitId").GetString());
        Assert.Equal(["officer"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("张泾村东宅巷邻坊", me.GetProperty("label").GetString());
        Assert.Equal("rep-yao-jianhua", representative.GetProperty("representativeId").GetString());
        Assert.StartsWith("姚建华", representative.GetProperty("label").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, noUnit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<string> StatusAsync()
    {
        var admin = Client(Token(("roles", "admin"), ("extn.unit", "dispatch")));
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/cases/{_caseId}");
        return body.GetProperty("status").GetString()!;
    }

    private HttpClient Client(string token)
    {
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Token(params (string Type, string Value)[] claims) => Token(claims, audience: ClientId);

    /// <summary>An access token as Entra ID issues one, signed with the tenant's key, <paramref name="key"/>, or nothing.</summary>
    private string Token((string Type, string Value)[] claims, string audience = ClientId, DateTime? expires = null, SecurityKey? key = null, string? issuer = null, bool unsigned = false) =>
        EntraTokens.Mint(unsigned ? null : key ?? _tenantKey, issuer ?? Issuer, audience, claims, expires);
}

/// <summary>How an Entra ID token's claims become the app's staff user (roles, unit, user id).</summary>
public sealed class EntraClaimsTests
{
    [Fact]
    public void TwoUnitsInAppRolesAndNoUnitClaim_HaveNoUnit()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "u1"), new Claim("roles", "officer:sp-a"), new Claim("roles", "officer:sp-b")]));

        var identity = EntraClaims.ToStaffIdentity(token, "unit", "test");

        Assert.Null(new ClaimsPrincipal(identity).ToStaffUser());
        Assert.Equal(["officer"], identity.FindAll(ClaimTypes.Role).Select(c => c.Value));
    }

    [Fact]
    public void UnitClaimAndObjectId_AreTheUnitAndTheUser()
    {
        var token = new ClaimsPrincipal(new ClaimsIdentity([new Claim("oid", "object-1"), new Claim("sub", "pairwise"), new Claim("roles", "Dispatcher"), new Claim("roles", "admin"), new Claim("extn.unit", "dispatch")]));

        var staff = new ClaimsPrincipal(EntraClaims.ToStaffIdentity(token, "extn.unit", "test")).ToStaffUser();

        Assert.NotNull(staff);
        Assert.Equal("object-1", staff.UserId);
        Assert.Equal("dispatch", staff.UnitId);
        Assert.Equal(["admin", "dispatcher"], staff.Roles.Order());
    }
}
