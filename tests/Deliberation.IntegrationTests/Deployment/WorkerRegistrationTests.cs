using Deliberation.Api.Auth;
using Deliberation.Api.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Deliberation.IntegrationTests.Deployment;

/// <summary>
/// The services as the Functions worker registers them (<see cref="DeliberationHosting.AddDeliberationServices"/> on a
/// generic host builder, its triggers doing the background work), checked as its Program checks them before it runs.
/// </summary>
public sealed class WorkerRegistrationTests
{
    private const TriggeredWork FunctionTriggers = TriggeredWork.WeChatInbox | TriggeredWork.DailyDigest | TriggeredWork.Sweep;

    [Fact]
    public void Production_WithoutPrivacyKeysOrEntraId_SettingsAreNotValid()
    {
        using var host = Build("Production", new Dictionary<string, string?> { ["Storage:TableServiceUri"] = "https://st.table.core.windows.net/", ["Storage:QueueServiceUri"] = "https://st.queue.core.windows.net/" });

        Assert.False(host.SettingsAreValid());
    }

    [Fact]
    public async Task Production_WithKeysAndEntraId_SettingsAreValid_AndOnlyEntraIdSignsIn()
    {
        using var host = Build("Production", new Dictionary<string, string?>
        {
            ["Storage:TableServiceUri"] = "https://st.table.core.windows.net/",
            ["Storage:QueueServiceUri"] = "https://st.queue.core.windows.net/",
            ["Privacy:EncryptionKey"] = Convert.ToBase64String(new byte[32]),
            ["Privacy:HashKey"] = Convert.ToBase64String(new byte[32]),
            ["Auth:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-0000000000aa/v2.0",
            ["Auth:Audience"] = "11111111-2222-3333-4444-555555555555",
        });

        Assert.True(host.SettingsAreValid());
        var schemes = (await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync()).Select(s => s.Name).ToList();
        Assert.Contains(JwtBearerDefaults.AuthenticationScheme, schemes);
        Assert.DoesNotContain(DevTokenHandler.SchemeName, schemes);
    }

    [Fact]
    public async Task Development_WithAzuriteOnly_SettingsAreValid_AndDevTokensSignIn()
    {
        using var host = Build("Development", new Dictionary<string, string?> { ["Storage:ConnectionString"] = "UseDevelopmentStorage=true" });

        Assert.True(host.SettingsAreValid());
        var schemes = (await host.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync()).Select(s => s.Name).ToList();
        Assert.Contains(DevTokenHandler.SchemeName, schemes);
        Assert.DoesNotContain(JwtBearerDefaults.AuthenticationScheme, schemes);
    }

    private static IHost Build(string environment, Dictionary<string, string?> settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDeliberationServices(FunctionTriggers);
        return builder.Build();
    }
}
