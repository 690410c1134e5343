using Deliberation.Api.Hosting;
using Deliberation.Host.Engine;

var builder = WebApplication.CreateBuilder(args);
builder.AddDeliberation();
builder.AddInProcessEngine();

var app = builder.Build();
app.UseDeliberation();
app.Run();

/// <summary>The entry point, visible to functional tests (WebApplicationFactory).</summary>
public partial class Program;
