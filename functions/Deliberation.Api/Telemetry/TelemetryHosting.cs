using System.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.AspNetCore;
using Deliberation.Storage.Telemetry;
using Deliberation.Workflow;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Instrumentation.Http;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Deliberation.Api.Telemetry;

public static class TelemetryHosting
{
    /// <summary>Every component's ActivitySource and Meter (one each).</summary>
    public static readonly string[] Components = [ApiTelemetry.Name, WorkflowTelemetry.Name, StorageTelemetry.Name];

    /// <summary>Application Insights' connection string (a platform setting, written by infra/).</summary>
    public const string AppInsightsConnectionString = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary><c>Authorization=AAD</c>: Application Insights takes the app's identity only (local auth is off).</summary>
    public const string AppInsightsAuthentication = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    private const string HttpClientSource = "System.Net.Http";

    /// <summary>
    /// Traces, metrics and logs with OpenTelemetry, in one place for both hosts: the app's components, ASP.NET Core and
    /// HttpClient. Exported to Azure Monitor when its connection string is set, and to the console or OTLP when
    /// <see cref="TelemetryOptions.Exporter"/> says so. What leaves the process carries no personal data: the app tags
    /// ids, channels, units and categories only; query strings are redacted by the instrumentation; request and
    /// HttpClient logs below Warning (which print whole URLs, a WeChat push's openid among them) are kept out.
    /// </summary>
    public static IHostApplicationBuilder AddDeliberationTelemetry(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var azureMonitor = !string.IsNullOrWhiteSpace(builder.Configuration[AppInsightsConnectionString]);

        builder.Logging.AddFilter<OpenTelemetryLoggerProvider>("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter<OpenTelemetryLoggerProvider>("System.Net.Http.HttpClient", LogLevel.Warning);

        // Outgoing calls are traced as part of something (a request, an intake, an activity), not on their own: the
        // workflow engine polls its queues every second, and a span per poll would drown everything else.
        builder.Services.Configure<HttpClientTraceInstrumentationOptions>(o => o.FilterHttpRequestMessage = _ => IsPartOfATrace(Activity.Current));

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithTracing(tracing => tracing.AddSource(Components))
            .WithMetrics(metrics => metrics.AddMeter(Components))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = false;
            });

        if (azureMonitor)
        {
            // The distro brings ASP.NET Core and HttpClient instrumentation (and Azure SDK spans) of its own.
            telemetry.UseAzureMonitor(monitor =>
            {
                if (builder.Configuration[AppInsightsAuthentication]?.Contains("Authorization=AAD", StringComparison.OrdinalIgnoreCase) == true)
                {
                    monitor.Credential = new DefaultAzureCredential();
                }
            });
        }
        else
        {
            telemetry
                .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
                .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        }

        switch (options.Exporter)
        {
            case TelemetryExporter.Console:
                telemetry
                    .WithTracing(tracing => tracing.AddConsoleExporter())
                    .WithMetrics(metrics => metrics.AddConsoleExporter())
                    .WithLogging(logging => logging.AddConsoleExporter());
                break;

            // Without an endpoint of its own, the exporter reads OTEL_EXPORTER_OTLP_ENDPOINT (else http://localhost:4317).
            case TelemetryExporter.Otlp when options.OtlpEndpoint is { } endpoint:
                telemetry.UseOtlpExporter(OtlpExportProtocol.Grpc, endpoint);
                break;

            case TelemetryExporter.Otlp:
                telemetry.UseOtlpExporter();
                break;
        }

        return builder;
    }

    /// <summary>The filter may see the call's own span (whose parent is what made it) or, before it starts, that parent.</summary>
    private static bool IsPartOfATrace(Activity? current) =>
        current is not null && (current.Source.Name != HttpClientSource || current.Parent is not null);
}
