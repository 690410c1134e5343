using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Deliberation.IntegrationTests.Deployment;

/// <summary>
/// The standalone host as a deployment runs it (<c>dotnet Deliberation.Host.dll</c>, its appsettings.json, settings in
/// environment variables) with <c>ASPNETCORE_ENVIRONMENT=Production</c>: it fails closed.
/// </summary>
public sealed class ProductionStartupTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Production_WithoutPrivacyKeysOrEntraId_RefusesToStart_NamingWhatIsMissing()
    {
        await using var host = Host(new Dictionary<string, string>());

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Patience));

        Assert.StartsWith("The host exited with code", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Privacy:EncryptionKey and Privacy:HashKey are required outside the Development environment (it is Production)", host.Output, StringComparison.Ordinal);
        Assert.Contains("Auth:Authority and Auth:Audience (Entra ID) are required outside the Development environment", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithMalformedKeys_RefusesToStart_NamingTheSettingsNeverTheirValues()
    {
        const string notBase64 = "this-is-no-key-but-a-secret-phrase!";
        var tooShort = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        await using var host = Host(new Dictionary<string, string>
        {
            ["Privacy__EncryptionKey"] = notBase64,
            ["Privacy__HashKey"] = tooShort,
            ["Auth__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0",
            ["Auth__Audience"] = "11111111-2222-3333-4444-555555555555",
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(Patience));

        Assert.StartsWith("The host exited with code", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Privacy:EncryptionKey is not base64", host.Output, StringComparison.Ordinal);
        Assert.Contains("Privacy:HashKey must be at least 32 bytes once decoded, not 16", host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(notBase64, host.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(tooShort, host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithKeysAndEntraId_Starts_DevTokensAre401_AndTheDevOutboxIs404()
    {
        await using var host = Host(new Dictionary<string, string>
        {
            ["Privacy__EncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Privacy__HashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),

            // A tenant whose metadata cannot be fetched here: no token could be checked, and none is taken without it.
            ["Auth__Authority"] = $"https://127.0.0.1:{HostProcess.FreePort()}/00000000-0000-0000-0000-0000000000aa/v2.0",
            ["Auth__Audience"] = "11111111-2222-3333-4444-555555555555",
        });
        await host.StartAsync(Patience);
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        using var workOrder = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/workorders")
        {
            Content = JsonContent.Create(new { callerPhone = "13800138000", text = "东宅路口的垃圾桶满了好几天没人清运" }),
        };
        workOrder.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dev:operator:dispatch:op1");
        using var units = new HttpRequestMessage(HttpMethod.Get, "/api/units/dispatch/cases");
        units.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "dev:admin:dispatch:a1");

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(workOrder)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(units)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/dev/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
    }

    private static HostProcess Host(Dictionary<string, string> settings)
    {
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["Storage__ConnectionString"] = Azurite.ConnectionString;
        settings["Storage__Prefix"] = Azurite.NewPrefix();
        settings["DurableTask__PartitionCount"] = "1";
        return new HostProcess(HostProcess.FreePort(), settings);
    }
}
