using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Deliberation.IntegrationTests.WeChat;
using Deliberation.Workflow.Delivery;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Deliberation.IntegrationTests.Deployment;

/// <summary>
/// The app's telemetry as it would leave the process, caught by in-memory exporters added to the app's own
/// OpenTelemetry pipeline: reports come in on all three channels (a hotline work order, an SMS, a WeChat message,
/// each with a phone number or WeChat id and a resident's text), cases are routed, texted and left overdue. Then no
/// span, metric or log carries any of the residents' numbers, ids or texts, and the app's metrics are there.
/// </summary>
public sealed class TelemetryPrivacyTests(TelemetryPrivacyTests.Run run) : IClassFixture<TelemetryPrivacyTests.Run>
{
    private const string AliyunKey = "aliyun-telemetry-key";
    private const string HotlinePhone = "13907310001";
    private const string SmsPhone = "13907310002";
    private const string OpenId = "oTelemetryFollower_7f3a9c2e11";
    private const string HotlineText = "东宅路口的垃圾桶满了好几天没人清运，臭气熏天";
    private const string SmsText = "桂花苑小区门口的路灯不亮已经一个星期了";
    private const string WeChatText = "张泾路的路灯坏了晚上走路看不见";

    [Fact]
    public void ThreeChannelsReportsRoutedTextedAndOverdue_NoSpanCarriesANumberAnIdOrAText()
    {
        var mine = run.Spans.Where(s => s.Source.Name.StartsWith("Deliberation.", StringComparison.Ordinal)).ToList();
        Assert.Contains(mine, s => s.OperationName == "intake" && Equals(s.GetTagItem("deliberation.channel"), "hotline"));
        Assert.Contains(mine, s => s.OperationName == "intake" && Equals(s.GetTagItem("deliberation.channel"), "sms"));
        Assert.Contains(mine, s => s.OperationName == "intake" && Equals(s.GetTagItem("deliberation.channel"), "wechat"));
        Assert.Contains(mine, s => s.OperationName == "text.send");
        Assert.Contains(run.Spans, s => s.Source.Name == "Microsoft.AspNetCore");

        foreach (var span in run.Spans)
        {
            var text = new StringBuilder().Append(span.DisplayName).Append(' ').Append(span.OperationName).Append(' ').Append(span.StatusDescription);
            foreach (var (key, value) in span.TagObjects)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            foreach (var e in span.Events)
            {
                text.Append(' ').Append(e.Name);
                foreach (var (key, value) in e.Tags)
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }
            }

            foreach (var (key, value) in span.Baggage)
            {
                text.Append(' ').Append(key).Append('=').Append(value);
            }

            AssertNoPersonalData(text.ToString(), $"span {span.Source.Name} {span.DisplayName}");
        }
    }

    [Fact]
    public void ThreeChannelsReportsRoutedTextedAndOverdue_NoMetricTagCarriesANumberAnIdOrAText()
    {
        var points = Points().ToList();
        foreach (var (name, tags, _) in points)
        {
            AssertNoPersonalData(name + " " + string.Join(' ', tags.Select(t => $"{t.Key}={t.Value}")), "metric " + name);
        }

        Assert.Equal(["hotline", "sms", "wechat"], Tagged(points, "deliberation.cases.received", "deliberation.channel"));
        Assert.Contains("created", Tagged(points, "deliberation.cases.received", "deliberation.outcome"));
        Assert.Contains("start", Tagged(points, "deliberation.decisions", "deliberation.outcome"));
        Assert.Contains("applied", Tagged(points, "deliberation.decisions", "deliberation.outcome"));
        Assert.NotEmpty(Tagged(points, "deliberation.escalations.overdue", "deliberation.event"));
        Assert.Contains("sms", Tagged(points, "deliberation.texts.sent", "deliberation.channel"));
        Assert.Contains("wechat", Tagged(points, "deliberation.texts.sent", "deliberation.channel"));
        Assert.Contains("sms.aliyun", Tagged(points, "deliberation.webhook.duration", "deliberation.webhook"));
        Assert.Contains("wechat", Tagged(points, "deliberation.webhook.duration", "deliberation.webhook"));
        Assert.Contains(points, p => p.Name == "deliberation.deliveries.overdue");
    }

    [Fact]
    public void ThreeChannelsReportsRoutedTextedAndOverdue_NoLogRecordCarriesANumberAnIdOrAText()
    {
        Assert.NotEmpty(run.Logs);
        foreach (var log in run.Logs)
        {
            AssertNoPersonalData(log, "log record");
        }
    }

    private static void AssertNoPersonalData(string exported, string where)
    {
        foreach (var secret in new[] { HotlinePhone, SmsPhone, OpenId, HotlineText, SmsText, WeChatText, "东宅路口的垃圾桶", "桂花苑小区门口", "晚上走路看不见" })
        {
            Assert.False(exported.Contains(secret, StringComparison.Ordinal), $"{where} carries personal data ({secret}): {exported}");
        }
    }

    private static SortedSet<string> Tagged(IEnumerable<(string Name, KeyValuePair<string, object?>[] Tags, double Value)> points, string metric, string tag) =>
        new(points.Where(p => p.Name == metric && p.Value > 0).SelectMany(p => p.Tags).Where(t => t.Key == tag).Select(t => $"{t.Value}"), StringComparer.Ordinal);

    /// <summary>Every exported point as its metric, tags and value (a sum, a histogram's count; 1 for a gauge).</summary>
    private IEnumerable<(string Name, KeyValuePair<string, object?>[] Tags, double Value)> Points()
    {
        foreach (var metric in run.Metrics)
        {
            foreach (var point in metric.MetricPoints)
            {
                var tags = new List<KeyValuePair<string, object?>>();
                foreach (var tag in point.Tags)
                {
                    tags.Add(tag);
                }

                double value = metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.DoubleSum => point.GetSumDouble(),
                    MetricType.Histogram => point.GetHistogramCount(),
                    _ => 1,
                };
                yield return (metric.Name, [.. tags], value);
            }
        }
    }

    /// <summary>The app, the three reports and the day that passes, once for the tests of this class.</summary>
    public sealed class Run : IAsyncLifetime
    {
        private readonly DeliberationApp _app;

        public Run()
        {
            var settings = WeChatFollower.SafeModeSettings(
                ("Channels:Sms:Aliyun:WebhookKey", AliyunKey),

                // Everything the app logs at Information and above, as in a deployment.
                ("Logging:LogLevel:Default", "Information"));
            _app = new DeliberationApp(settings: settings, services: services =>
            {
                services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(new Synchronised<Activity>(Spans)));
                services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(new Synchronised<MetricSnapshot>(Metrics)));
                services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddProcessor(new SimpleLogRecordExportProcessor(new LogText(Logs))));
            });
        }

        public ConcurrentQueue<Activity> Spans { get; } = new();

        public ConcurrentQueue<MetricSnapshot> Metrics { get; } = new();

        public ConcurrentQueue<string> Logs { get; } = new();

        public async Task InitializeAsync()
        {
            await _app.FileWorkOrderAsync(HotlineText, "张泾村东宅", HotlinePhone);
            var sms = await _app.CreateClient().PostAsync(
                $"/api/sms/aliyun?code={AliyunKey}",
                new StringContent($$"""[{"phone_number":"{{SmsPhone}}","send_time":"2026-11-24 09:00:00","content":"{{SmsText}}","sign_name":"新桥镇","dest_code":"1","sequence_id":7310002}]""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, sms.StatusCode);
            var follower = new WeChatFollower(_app.CreateClient(), OpenId);
            await follower.SubmitAsync(_app, follower.Text(WeChatText));
            await _app.PumpAsync();

            // Nobody acknowledges: a day later every case's deadline has passed and raised it.
            await _app.AdvanceAsync(TimeSpan.FromDays(1));
            await _app.Service<DeliveryReconciler>().ReconcileAsync(CancellationToken.None);
            Assert.True(_app.Services.GetRequiredService<MeterProvider>().ForceFlush());
            Assert.True(_app.Services.GetRequiredService<TracerProvider>().ForceFlush());
        }

        public async Task DisposeAsync() => await _app.DisposeAsync();
    }

    /// <summary>The log record as an exporter sends it: its message, formatted message and attributes (records are pooled, so kept as text).</summary>
    private sealed class LogText(ConcurrentQueue<string> logs) : BaseExporter<LogRecord>
    {
        public override ExportResult Export(in Batch<LogRecord> batch)
        {
            foreach (var record in batch)
            {
                var text = new StringBuilder().Append(record.CategoryName).Append(' ').Append(record.Body).Append(' ').Append(record.FormattedMessage).Append(' ').Append(record.Exception?.Message);
                foreach (var (key, value) in record.Attributes ?? [])
                {
                    text.Append(' ').Append(key).Append('=').Append(value);
                }

                logs.Enqueue(text.ToString());
            }

            return ExportResult.Success;
        }
    }

    /// <summary>Other tests' apps run beside this one and their spans reach every listener: the exporter adds while the test reads.</summary>
    private sealed class Synchronised<T>(ConcurrentQueue<T> items) : ICollection<T>
    {
        public int Count => items.Count;

        public bool IsReadOnly => false;

        public void Add(T item) => items.Enqueue(item);

        public void Clear() => items.Clear();

        public bool Contains(T item) => items.Contains(item);

        public void CopyTo(T[] array, int arrayIndex) => items.CopyTo(array, arrayIndex);

        public bool Remove(T item) => throw new NotSupportedException();

        public IEnumerator<T> GetEnumerator() => items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
