using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Deliberation.Api.Telemetry;

/// <summary>
/// The HTTP API's own spans and metrics, beside ASP.NET Core's request spans: how long each channel's webhook takes
/// to answer its provider (WeChat gives up after five seconds, SMS providers retry). Tags name the webhook and the
/// status code only.
/// </summary>
public static class ApiTelemetry
{
    public const string Name = "Deliberation.Api";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> WebhookDuration = Meter.CreateHistogram(
        "deliberation.webhook.duration",
        "s",
        "How long a channel's webhook took to answer, per webhook and status code.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 4, 5, 10] });

    public static class Tags
    {
        public const string Webhook = "deliberation.webhook";
        public const string StatusCode = "http.response.status_code";
    }

    /// <summary>Times the endpoint as its webhook <paramref name="name"/> (e.g. <c>sms.twilio</c>), with a span of that name.</summary>
    public static TBuilder TimedAsWebhook<TBuilder>(this TBuilder endpoint, string name)
        where TBuilder : IEndpointConventionBuilder =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            using var activity = Source.StartActivity("webhook " + name);
            activity?.SetTag(Tags.Webhook, name);
            var started = Stopwatch.GetTimestamp();
            var status = StatusCodes.Status500InternalServerError;
            try
            {
                var result = await next(context);

                // An IResult is written after the filters: its own status code is the answer's.
                status = (result as IStatusCodeHttpResult)?.StatusCode ?? context.HttpContext.Response.StatusCode;
                return result;
            }
            finally
            {
                activity?.SetTag(Tags.StatusCode, status);
                WebhookDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new(Tags.Webhook, name), new(Tags.StatusCode, status));
            }
        });
}
