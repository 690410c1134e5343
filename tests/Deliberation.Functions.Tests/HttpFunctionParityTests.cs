using System.Globalization;
using System.Text;
using Deliberation.Functions.Http;
using Deliberation.Functions.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.Functions.Tests;

/// <summary>One HTTP function per endpoint of the standalone host, same method and route, and no other.</summary>
public sealed class HttpFunctionParityTests(StandaloneHost host) : IClassFixture<StandaloneHost>
{
    /// <summary>Where the standalone host serves its OpenAPI document (documentation of the host, not an endpoint of the API).</summary>
    private const string OpenApiDocument = "/openapi/";

    /// <summary>The webhooks whose callers present a Functions key (<c>?code=</c>); the app checks its own copy too.</summary>
    private static readonly string[] FunctionKeyRoutes = ["/api/sms/acs", "/api/sms/aliyun"];

    [Fact]
    public void HttpFunctions_AndStandaloneEndpoints_HaveTheSameMethodsAndRoutes()
    {
        var standalone = StandaloneEndpoints().Keys.ToList();
        // The API is under the Functions route prefix; outside it the standalone host only serves its OpenAPI document.
        var api = standalone.Where(e => e.Pattern.StartsWith($"/{HttpFunction.RoutePrefix}/", StringComparison.Ordinal)).ToHashSet();
        Assert.All(standalone.Except(api), e => Assert.StartsWith(OpenApiDocument, e.Pattern, StringComparison.Ordinal));

        var functions = HttpFunction.In(typeof(ApiEndpoints).Assembly).Select(f => new Route(f.Method, f.Pattern)).ToList();
        var missing = api.Except(functions).OrderBy(r => r.Pattern, StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"The standalone host has endpoints with no HTTP function; add:\n{Source(missing, StandaloneEndpoints())}");
        Assert.Empty(functions.Except(api));
        Assert.Equal(functions.Count, functions.Distinct().Count());
    }

    [Fact]
    public void HttpFunctions_AreAnonymousToTheFunctionsHost_ButTheFunctionKeyWebhooks()
    {
        // Our own authentication runs in the app; only the SMS webhooks configured with ?code= use a Functions key.
        foreach (var function in HttpFunction.In(typeof(ApiEndpoints).Assembly))
        {
            var expected = FunctionKeyRoutes.Contains(function.Pattern) ? AuthorizationLevel.Function : AuthorizationLevel.Anonymous;
            Assert.True(expected == function.AuthorizationLevel, $"{function.Name}: {function.AuthorizationLevel}, expected {expected}.");
        }
    }

    [Fact]
    public void HttpFunctionNames_AreUniqueAndValidForTheFunctionsHost()
    {
        var names = HttpFunction.In(typeof(ApiEndpoints).Assembly).Select(f => f.Name).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, n => Assert.Matches("^[A-Za-z][A-Za-z0-9_-]{0,126}$", n));
    }

    /// <summary>Every endpoint of the standalone host by method and route (a group's "" route drops its trailing slash, as routing does), with its name.</summary>
    private Dictionary<Route, string?> StandaloneEndpoints() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => ApiEndpoints.Methods(e).Select(m => (Route: new Route(m, ApiEndpoints.Normalise(e.RoutePattern.RawText!)), e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)))
            .ToDictionary(e => e.Route, e => e.EndpointName);

    /// <summary>The [Function] methods for <paramref name="routes"/>, to paste into the Functions app.</summary>
    private static string Source(IEnumerable<Route> routes, Dictionary<Route, string?> names)
    {
        var source = new StringBuilder();
        foreach (var route in routes)
        {
            var relative = route.Pattern[(HttpFunction.RoutePrefix.Length + 2)..];
            var level = FunctionKeyRoutes.Contains(route.Pattern) ? "Function" : "Anonymous";
            source.Append(CultureInfo.InvariantCulture, $"""
                    [Function("{names[route] ?? Name(route)}")]
                    public Task<IActionResult> {names[route] ?? Name(route)}([HttpTrigger(AuthorizationLevel.{level}, "{route.Method.ToLowerInvariant()}", Route = "{relative}")] HttpRequest request, [DurableClient] DurableTaskClient client, FunctionContext context) => api.RunAsync(request, client, context);

                """);
        }

        return source.ToString();
    }

    private static string Name(Route route)
    {
        var name = new StringBuilder(CultureInfo.InvariantCulture.TextInfo.ToTitleCase(route.Method.ToLowerInvariant()));
        foreach (var segment in route.Pattern.Split('/', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var word = segment.StartsWith('{') ? "By-" + segment.Trim('{', '}') : segment;
            foreach (var part in word.Split('-'))
            {
                name.Append(char.ToUpperInvariant(part[0])).Append(part[1..]);
            }
        }

        return name.ToString();
    }

    private sealed record Route(string Method, string Pattern);
}
