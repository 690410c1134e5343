using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// The TCP peer of a test request, which the test server leaves unknown: a request with <c>X-Test-Peer</c> comes from
/// that address, as if the connection were made from it (so a test can be a client, or a proxy in front of the app).
/// Runs before the app's own pipeline, forwarded headers included.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var peer))
            {
                context.Connection.RemoteIpAddress = peer;
                context.Request.Headers.Remove(Header);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
