using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Deliberation.Functions.Http;
using Deliberation.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Functions.Tests;

/// <summary>
/// A request through an HTTP function's dispatch (the endpoint found by the function's name, behind the same
/// middleware) answers as the standalone host answers it: same handler, same authentication and authorization.
/// </summary>
public sealed class ApiEndpointsTests(StandaloneHost host) : IClassFixture<StandaloneHost>
{
    private const string Operator = "dev:operator:dispatch:op1";

    public static TheoryData<string, string, string, string?, string?> Requests => new()
    {
        { "Health", "GET", "/api/health", null, null },
        { "GetDirectory", "GET", "/api/directory", null, null },
        { "ListPublicCases", "GET", "/api/public/cases", null, null },
        { "GetPublicCase", "GET", "/api/public/cases/NOPE-1", null, null },
        { "GetCase", "GET", "/api/cases/NOPE-1", null, null },
        { "GetCase", "GET", "/api/cases/NOPE-1", Operator, null },
        { "ListMeetings", "GET", "/api/meetings", null, null },
        { "FileWorkOrder", "POST", "/api/hotline/workorders", Operator, "{ not json" },
        { "FileWorkOrder", "POST", "/api/hotline/workorders", null, """{"callerPhone":"13800138000","text":"路灯坏了"}""" },
        { "SmsAcs", "POST", "/api/sms/acs", null, "[]" },
        { "GetWechat", "GET", "/api/wechat", null, null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Function_AnswersAsTheStandaloneHost(string function, string method, string path, string? token, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var standalone = await host.CreateClient().SendAsync(request);
        var (status, contentType, _) = await InvokeAsync(function, method, path, token, body);

        Assert.Equal((int)standalone.StatusCode, status);
        Assert.Equal(standalone.Content.Headers.ContentType?.MediaType, contentType?.Split(';')[0]);
    }

    [Fact]
    public async Task Function_ForAStaffEndpoint_WithoutAToken_IsUnauthorised_AndWithOne_ReachesTheHandler()
    {
        Assert.Equal(StatusCodes.Status401Unauthorized, (await InvokeAsync("GetCase", "GET", "/api/cases/NOPE-1", null, null)).Status);
        var (status, _, text) = await InvokeAsync("GetCase", "GET", "/api/cases/NOPE-1", Operator, null);
        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Contains("NOPE-1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Function_PublicObjections_AllRelayedByTheFunctionsHost_AreNotOneBucketForTheTown()
    {
        // Every request reaches the worker from the host on loopback; more than a client's limit (10 a minute) of
        // residents object, each with their own mobile, and none is turned away for the others.
        var statuses = new List<int>();
        for (var i = 0; i < 12; i++)
        {
            var body = $$"""{"phone":"1391234{{7000 + i}}","reason":"不同意"}""";
            statuses.Add((await InvokeAsync("ObjectToDecision", "POST", "/api/public/cases/209901010001/objections", null, body, IPAddress.Loopback)).Status);
        }

        Assert.All(statuses, s => Assert.Equal(StatusCodes.Status404NotFound, s));
    }

    [Fact]
    public void EveryHttpFunction_FindsItsEndpoint()
    {
        // The constructor throws for a function whose method and route the API does not map.
        _ = host.Services;
        var endpoints = new ApiEndpoints(host.Services);
        Assert.NotNull(endpoints);
        Assert.Throws<InvalidOperationException>(() => new ApiEndpoints(host.Services, [new HttpFunction("Nowhere", "GET", "nowhere", Microsoft.Azure.Functions.Worker.AuthorizationLevel.Anonymous)]));
    }

    private async Task<(int Status, string? ContentType, string Text)> InvokeAsync(string function, string method, string path, string? token, string? body, IPAddress? peer = null)
    {
        _ = host.Services; // the host (and its town) started
        var endpoints = new ApiEndpoints(host.Services);
        await using var scope = host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Connection.RemoteIpAddress = peer;
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = path;
        if (token is not null)
        {
            context.Request.Headers.Authorization = $"Bearer {token}";
        }

        if (body is not null)
        {
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json; charset=utf-8";
            context.Features.Set<IHttpRequestBodyDetectionFeature>(new WithBody()); // as Kestrel says of a request with a body
        }

        using var response = new MemoryStream();
        context.Response.Body = response;
        await endpoints.InvokeAsync(context, function);
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(response.ToArray()));
    }

    private sealed class WithBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
