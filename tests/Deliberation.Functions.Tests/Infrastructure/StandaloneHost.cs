using Deliberation.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Deliberation.Functions.Tests.Infrastructure;

/// <summary>The standalone host (Deliberation.Host) on Azurite, with its own storage prefix and no background listeners.</summary>
public sealed class StandaloneHost : WebApplicationFactory<global::Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:ConnectionString", Azurite.ConnectionString);
        builder.UseSetting("Storage:Prefix", Azurite.NewPrefix());
        builder.UseSetting("Runtime:RunListeners", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Privacy:EncryptionKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        builder.UseSetting("Privacy:HashKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }
}
