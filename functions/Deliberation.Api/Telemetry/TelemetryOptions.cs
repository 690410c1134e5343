namespace Deliberation.Api.Telemetry;

/// <summary>Where traces, metrics and logs go besides Azure Monitor (which <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> switches on).</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary><c>None</c>, <c>Console</c> (a local run) or <c>Otlp</c> (a local collector, Aspire's dashboard, Jaeger …).</summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    /// <summary>The OTLP/gRPC endpoint; unset: <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, else http://localhost:4317.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}
