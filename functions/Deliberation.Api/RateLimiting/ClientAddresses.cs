using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.RateLimiting;

/// <summary>
/// <c>ForwardedHeaders</c>: the proxies in front of the app whose <c>X-Forwarded-For</c> is believed. Nobody else's is:
/// a client can write the header itself.
/// </summary>
public sealed class ClientAddressOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Addresses of trusted proxies (e.g. <c>10.0.0.4</c>).</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (e.g. <c>10.0.0.0/24</c>, or <c>127.0.0.0/8</c> for the Functions host).</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies' entries are read, from the right of <c>X-Forwarded-For</c> (one: the proxy next to the app).</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool Any => KnownProxies.Length > 0 || KnownNetworks.Length > 0;

    internal IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            yield return $"ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.";
        }

        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            yield return $"ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR form (e.g. 10.0.0.0/24).";
        }

        if (ForwardLimit is < 1 or > 10)
        {
            yield return "ForwardedHeaders:ForwardLimit must be between 1 and 10.";
        }
    }
}

/// <summary>
/// The address a request came from, for per-client limits: the connection's, or what a known proxy says through
/// ASP.NET Core's forwarded-headers middleware. Null when it is not known (no address, or only a proxy's, such as the
/// Functions host's that relays every request): a per-client limit keyed on that would be one bucket for the whole
/// town, so callers then limit per resident only.
/// </summary>
public static class ClientAddresses
{
    /// <summary>Where a host that relays every request (the Functions host) records the relay's address.</summary>
    private const string RelayItem = "Deliberation.ClientAddresses.Relay";

    public static IHostApplicationBuilder AddClientAddresses(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClientAddressOptions>().BindConfiguration(ClientAddressOptions.Section)
            .Validate(o => !o.Problems().Any(), "ForwardedHeaders is misconfigured: addresses like 10.0.0.4, networks like 10.0.0.0/24, ForwardLimit 1-10.")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ClientAddressOptions>>((forwarded, options) =>
        {
            var known = options.Value;
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            forwarded.ForwardLimit = known.ForwardLimit;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in known.KnownProxies)
            {
                forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in known.KnownNetworks)
            {
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>
    /// The forwarded-headers middleware, when proxies are configured. Not otherwise: with no known proxy at all the
    /// middleware would believe every sender's header.
    /// </summary>
    public static IApplicationBuilder UseClientAddresses(this IApplicationBuilder app)
    {
        if (app.ApplicationServices.GetRequiredService<IOptions<ClientAddressOptions>>().Value.Any)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }

    /// <summary>For a host whose connections all come from a relay (the Functions host): the connection's address is the relay's, not a client's.</summary>
    public static IApplicationBuilder UseRelayedConnections(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Items[RelayItem] = context.Connection.RemoteIpAddress;
            return next(context);
        });

    /// <summary>The client's address, or null when it is not known (see <see cref="ClientAddresses"/>).</summary>
    public static string? Of(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address)
        {
            return null;
        }

        if (context.Items.TryGetValue(RelayItem, out var relay) && relay is IPAddress relayAddress && relayAddress.Equals(address))
        {
            return null;
        }

        var known = context.RequestServices.GetRequiredService<IOptions<ClientAddressOptions>>().Value;
        var mapped = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var isProxy = known.KnownProxies.Any(p => IPAddress.Parse(p).Equals(mapped))
            || known.KnownNetworks.Any(n => System.Net.IPNetwork.Parse(n).Contains(mapped));
        return isProxy ? null : mapped.ToString();
    }
}
