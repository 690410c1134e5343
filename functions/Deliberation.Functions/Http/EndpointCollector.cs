using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Deliberation.Functions.Http;

/// <summary>
/// Somewhere to run the standalone host's <c>Map…</c> methods without a web application: the endpoints they
/// build (handlers, filters, metadata) are the ones the standalone host serves.
/// </summary>
internal sealed class EndpointCollector(IServiceProvider services) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => services;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => new ApplicationBuilder(services);

    public IReadOnlyList<RouteEndpoint> Endpoints => [.. DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];
}
