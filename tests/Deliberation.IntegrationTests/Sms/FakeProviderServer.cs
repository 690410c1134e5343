using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Deliberation.IntegrationTests.Sms;

/// <summary>One request as the provider received it.</summary>
public sealed record ProviderRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => System.Text.Encoding.UTF8.GetString(Body);
}

/// <summary>A provider API on 127.0.0.1 (real Kestrel, real sockets) that records what it is sent.</summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeProviderServer(WebApplication app) => _app = app;

    public ConcurrentQueue<ProviderRequest> Requests { get; } = new();

    public int Status { get; set; } = 202;

    public string Response { get; set; } = "{}";

    public string BaseAddress => _app.Urls.First();

    public static async Task<FakeProviderServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            server.Requests.Enqueue(new ProviderRequest(context.Request.Method, $"{context.Request.Path}{context.Request.QueryString}", headers, body.ToArray()));
            context.Response.StatusCode = server.Status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(server.Response);
        });
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
