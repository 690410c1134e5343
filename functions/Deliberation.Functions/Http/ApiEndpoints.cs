using System.Collections.Frozen;
using Deliberation.Api.Hosting;
using Deliberation.Api.RateLimiting;
using Deliberation.Workflow.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;

namespace Deliberation.Functions.Http;

/// <summary>
/// The HTTP API's endpoints, built by the same <see cref="DeliberationHosting.MapDeliberationApi"/> the standalone
/// host maps, and run behind the same middleware its pipeline has (forwarded headers from known proxies, exception
/// handler, status code pages, authentication, authorization against the endpoint's own metadata). An HTTP function only hands its request
/// here; the function's name finds its endpoint.
/// </summary>
public sealed class ApiEndpoints
{
    private readonly FrozenDictionary<string, Target> _byFunction;
    private readonly RequestDelegate _pipeline;

    public ApiEndpoints(IServiceProvider services)
        : this(services, HttpFunction.In(typeof(ApiEndpoints).Assembly))
    {
    }

    public ApiEndpoints(IServiceProvider services, IEnumerable<HttpFunction> functions)
    {
        var routes = new EndpointCollector(services);
        routes.MapDeliberationApi();
        var endpoints = routes.Endpoints.ToLookup(e => Key(Methods(e).Single(), Normalise(e.RoutePattern.RawText!)));

        var byFunction = new Dictionary<string, Target>();
        foreach (var function in functions)
        {
            // A function without its endpoint (or one route mapped twice) is a build mistake: fail at start, not per request.
            var endpoint = endpoints[Key(function.Method, function.Pattern)].SingleOrDefault()
                ?? throw new InvalidOperationException($"HTTP function {function.Name} ({function.Method} {function.Pattern}) has no endpoint in the API.");
            byFunction.Add(function.Name, new Target(endpoint, new TemplateMatcher(TemplateParser.Parse(function.Pattern), new RouteValueDictionary())));
        }

        _byFunction = byFunction.ToFrozenDictionary();

        var app = new ApplicationBuilder(services);

        // Every request reaches the worker from the Functions host: that address is never a client's.
        app.UseRelayedConnections();
        app.UseClientAddresses();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.Run(context => context.GetEndpoint()!.RequestDelegate!(context));
        _pipeline = app.Build();
    }

    /// <summary>The methods an endpoint answers (the API maps each endpoint to one).</summary>
    public static IReadOnlyList<string> Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];

    /// <summary>
    /// Runs the endpoint behind the function <paramref name="context"/> names, with the invocation's durable client for
    /// the workflow. The endpoint writes the response; the empty result tells the worker there is nothing more to write.
    /// </summary>
    public async Task<IActionResult> RunAsync(HttpRequest request, DurableTaskClient client, FunctionContext context)
    {
        DurableClientAccessor.Use(client);
        await InvokeAsync(request.HttpContext, context.FunctionDefinition.Name);
        return new EmptyResult();
    }

    /// <summary>Runs the endpoint of <paramref name="functionName"/> with the route values of the request's path.</summary>
    public Task InvokeAsync(HttpContext context, string functionName)
    {
        var target = _byFunction[functionName];
        var values = new RouteValueDictionary();
        if (!target.Matcher.TryMatch(context.Request.Path, values))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        context.Request.RouteValues = values;
        context.SetEndpoint(target.Endpoint);
        return _pipeline(context);
    }

    /// <summary>A route without a trailing slash (a group's "" route has one; routing ignores it).</summary>
    public static string Normalise(string pattern) => pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;

    private static string Key(string method, string pattern) => $"{method.ToUpperInvariant()} {pattern}";

    private sealed record Target(RouteEndpoint Endpoint, TemplateMatcher Matcher);
}
