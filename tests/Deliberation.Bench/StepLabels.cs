using Deliberation.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Deliberation.Bench;

/// <summary>
/// Puts a <see cref="StorageRequestCounter"/> step label on everything the app does, so that the bench can say which
/// storage requests each step costs. The engine labels its own ("engine", and "activity:&lt;name&gt;" for each activity).
/// </summary>
internal static class StepLabels
{
    public const string Intake = "intake";
    public const string Acknowledge = "acknowledge";
    public const string Respond = "respond";
    public const string Engine = "engine";
    public const string Apply = "activity:ApplyCaseDecision";
    public const string Notify = "activity:SendCaseNotification";

    /// <summary>The bench's own reads (its waits); reported apart, not counted as the workflow's cost.</summary>
    public const string Read = "bench-read";
    public const string OtherHttp = "http-other";

    /// <summary>The label of one HTTP request, from its route.</summary>
    public static string ForRequest(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (HttpMethods.IsPost(request.Method) && path.Equals("/api/hotline/workorders", StringComparison.OrdinalIgnoreCase))
        {
            return Intake;
        }

        if (HttpMethods.IsPost(request.Method) && path.StartsWith("/api/cases/", StringComparison.OrdinalIgnoreCase))
        {
            return path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        }

        return HttpMethods.IsGet(request.Method) ? Read : OtherHttp;
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
    /// Wraps every hosted service so that its background work is labelled with its type's name (the reconciler, the
    /// sweep, the WeChat inbox listener …); a label set while a service starts flows into its whole background loop.
    /// The engine's own label, set inside its start, wins over this one.
    /// </summary>
    public static void LabelBackgroundServices(IServiceCollection services)
    {
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType != typeof(IHostedService) || descriptor.IsKeyedService)
            {
                continue;
            }

            Func<IServiceProvider, object> create = descriptor switch
            {
                { ImplementationFactory: { } factory } => factory,
                { ImplementationInstance: { } instance } => _ => instance,
                { ImplementationType: { } type } => sp => ActivatorUtilities.CreateInstance(sp, type),
                _ => throw new InvalidOperationException("A hosted service without an implementation."),
            };
            services[i] = ServiceDescriptor.Singleton<IHostedService>(sp =>
            {
                var inner = (IHostedService)create(sp);
                return new LabelledService(inner, inner.GetType().Name.Replace("Service", "", StringComparison.Ordinal).ToLowerInvariant());
            });
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
