using Deliberation.Api.Hosting;
using Deliberation.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Deliberation.Bench;

/// <summary>
/// Puts a <see cref="StorageRequestCounter"/> step label on everything the app does, so that the
/// bench can say which storage requests each workflow step costs.
/// </summary>
internal static class StepLabels
{
    public const string Intake = "intake";
    public const string Acknowledge = "acknowledge";
    public const string Respond = "respond";
    public const string Read = "read";
    public const string OtherHttp = "http-other";
    public const string CaseEvents = "case-events";
    public const string Notifications = "notifications";
    public const string Sweep = "sweep";
    public const string Other = "other";

    /// <summary>The label of one HTTP request, from its route.</summary>
    public static string ForRequest(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsPost(request.Method) && path.Equals("/api/hotline/workorders", StringComparison.OrdinalIgnoreCase))
        {
            return Intake;
        }

        if (HttpMethods.IsGet(request.Method) && path.StartsWith("/api/units/", StringComparison.OrdinalIgnoreCase))
        {
            return Read;
        }

        if (path.StartsWith("/api/cases/", StringComparison.OrdinalIgnoreCase))
        {
            var rest = path["/api/cases/".Length..].Trim('/');
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0)
            {
                return HttpMethods.IsGet(request.Method) ? Read : OtherHttp;
            }

            return rest[(slash + 1)..].ToLowerInvariant() switch
            {
                "acknowledge" => Acknowledge,
                "respond" => Respond,
                var action => action,
            };
        }

        return OtherHttp;
    }

    /// <summary>Middleware: runs each request under its step label.</summary>
    public static async Task LabelRequest(HttpContext context, RequestDelegate next)
    {
        using (StorageRequestCounter.Step(ForRequest(context.Request)))
        {
            await next(context);
        }
    }

    /// <summary>
    /// Wraps the background services <c>AddDeliberation</c> registered so that their work is labelled:
    /// the two queue listeners (registered by factory, case-events first, then notifications, as
    /// DeliberationHosting does) and the deadline sweep. A label set while a service starts flows
    /// into its whole background loop (the ExecutionContext is captured when the loop starts).
    /// </summary>
    public static void LabelBackgroundServices(IServiceCollection services)
    {
        string[] listenerLabels = [CaseEvents, Notifications];
        var listeners = 0;
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService)
            {
                continue;
            }

            if (descriptor.ImplementationFactory is { } factory)
            {
                var label = listeners < listenerLabels.Length ? listenerLabels[listeners] : $"listener-{listeners}";
                listeners++;
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new LabelledService((IHostedService)factory(sp), label));
            }
            else if (descriptor.ImplementationType == typeof(SweepService))
            {
                services[i] = ServiceDescriptor.Singleton<IHostedService>(sp => new LabelledService(ActivatorUtilities.CreateInstance<SweepService>(sp), Sweep));
            }
        }
    }

    private sealed class LabelledService(IHostedService inner, string label) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            using (StorageRequestCounter.Step(label))
            {
                return inner.StartAsync(cancellationToken);
            }
        }

        public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);
    }
}
