using Deliberation.Api.Hosting;
using Deliberation.Host.Engine;
using Deliberation.Host.Site;

var builder = WebApplication.CreateBuilder(args);
builder.AddDeliberation();
builder.AddInProcessEngine();
builder.Services.AddOpenApi();

var app = builder.Build();
if (!app.SettingsAreValid())
{
    // Disposing flushes the log that says why.
    await app.DisposeAsync();
    return 1;
}

app.UseOpenDataAddresses();
app.MapSite();
app.UseDeliberation();

// The API reference: every endpoint of the app, as both hosts serve it.
app.MapOpenApi().AllowAnonymous();
app.Run();
return 0;

/// <summary>The entry point, visible to functional tests (WebApplicationFactory).</summary>
public partial class Program;
