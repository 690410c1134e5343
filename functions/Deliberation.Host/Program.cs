using Deliberation.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDeliberation();

var app = builder.Build();
app.UseDeliberation();
app.Run();

/// <summary>The entry point, visible to functional tests (WebApplicationFactory).</summary>
public partial class Program;
