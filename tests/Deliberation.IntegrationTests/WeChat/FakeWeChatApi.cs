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
/// from a script per path, else as WeChat does. One access token is valid at a time: <c>/cgi-bin/stable_token</c>
/// hands out the current one (a new one with <c>force_refresh</c> true), <c>/cgi-bin/token</c> a new one each call, and
/// either new one invalidates the last; a call with any other token is answered errcode 40001.
/// </summary>
internal sealed class FakeWeChatApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _scripts = new();
    private readonly Lock _gate = new();
    private int _tokens;
    private string? _current;

    private FakeWeChatApi(WebApplication app) => _app = app;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>How many calls were answered errcode 40001 (a token no longer valid).</summary>
    public int Rejected { get; private set; }

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

    /// <summary>WeChat renews the token (or an operator forced a refresh): the current one stops working.</summary>
    public void Rotate()
    {
        lock (_gate)
        {
            _current = $"TOKEN{++_tokens}";
        }
    }

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
            answer = AsWeChat(path, context.Request.Query["access_token"].ToString(), body);
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer);
    }

    private string AsWeChat(string path, string token, string body)
    {
        lock (_gate)
        {
            switch (path)
            {
                case "/cgi-bin/stable_token":
                    if (_current is null || System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("force_refresh", out var force) && force.GetBoolean())
                    {
                        _current = $"TOKEN{++_tokens}";
                    }

                    return $"{{\"access_token\":\"{_current}\",\"expires_in\":7200}}";
                case "/cgi-bin/token":
                    _current = $"TOKEN{++_tokens}";
                    return $"{{\"access_token\":\"{_current}\",\"expires_in\":7200}}";
                default:
                    if (token != _current)
                    {
                        Rejected++;
                        return "{\"errcode\":40001,\"errmsg\":\"invalid credential, access_token is invalid or not latest\"}";
                    }

                    return "{\"errcode\":0,\"errmsg\":\"ok\"}";
            }
        }
    }
}
