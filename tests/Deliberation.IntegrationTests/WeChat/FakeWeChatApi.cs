using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Deliberation.IntegrationTests.WeChat;

/// <summary>One request as api.weixin.qq.com would have received it.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string Body);

/// <summary>
/// A stand-in for api.weixin.qq.com on 127.0.0.1 (real Kestrel, real HTTP): records every request and answers
/// from a script per path, falling back to a token or {"errcode":0}.
/// </summary>
internal sealed class FakeWeChatApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _scripts = new();
    private int _tokens;

    private FakeWeChatApi(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<FakeWeChatApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeWeChatApi(app);
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return fake;
    }

    /// <summary>The next answer to a request on <paramref name="path"/> (queued answers are used in order).</summary>
    public void Answer(string path, string json) => _scripts.GetOrAdd(path, _ => new()).Enqueue(json);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body));
        var path = context.Request.Path.Value!;
        string answer;
        if (_scripts.TryGetValue(path, out var script) && script.TryDequeue(out var scripted))
        {
            answer = scripted;
        }
        else
        {
            answer = path == "/cgi-bin/token"
                ? $"{{\"access_token\":\"TOKEN{Interlocked.Increment(ref _tokens)}\",\"expires_in\":7200}}"
                : "{\"errcode\":0,\"errmsg\":\"ok\"}";
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }
}
