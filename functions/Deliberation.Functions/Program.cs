using Deliberation.Functions.Apis;
using Deliberation.Functions.CustomHandler;
using Deliberation.Functions.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDeliberation();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthApi();
app.MapDirectoryApi();
app.MapHotlineApi();
app.MapCaseApi();
app.MapPublicApi();
app.MapCustomHandler();

app.Run();

/// <summary>The entry point, visible to functional tests (WebApplicationFactory).</summary>
public partial class Program;
