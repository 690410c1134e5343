using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Telemetry;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.IntegrationTests.Deployment;

/// <summary>Every registered sender is counted, whichever provider it is: a text handed over is sent, a refused one failed.</summary>
public sealed class MeasuredSendersTests
{
    [Fact]
    public async Task ProviderRefusesAText_CountedAsFailedWithItsChannelAndTemplate_AndTheErrorStillReachesTheCaller()
    {
        var measurements = new ConcurrentBag<(string Name, Dictionary<string, object?> Tags)>();
        using var listener = Listen(measurements);
        var services = new ServiceCollection();
        services.AddSingleton<ISmsSender>(new Refusing());
        services.AddSingleton<IStaffNotifier, Accepting>();
        services.MeasureTextSenders();
        using var provider = services.BuildServiceProvider();
        var text = new OutboundText("n-measured-1", "2026112400123", Channel.Sms, "+8613800138000", "您的诉求已受理", Audience.Reporter, "case-received", null);

        await Assert.ThrowsAsync<HttpRequestException>(() => provider.GetRequiredService<ISmsSender>().SendAsync(text, CancellationToken.None));
        await provider.GetRequiredService<IStaffNotifier>().SendAsync(text with { NotificationId = "n-measured-2", Template = "staff-measured" }, CancellationToken.None);

        var failed = Assert.Single(measurements, m => m.Name == "deliberation.texts.failed" && Equals(m.Tags["deliberation.template"], "case-received"));
        Assert.Equal("sms", failed.Tags["deliberation.channel"]);
        Assert.Equal("Reporter", failed.Tags["deliberation.audience"]);
        Assert.Equal(nameof(HttpRequestException), failed.Tags["error.type"]);
        Assert.DoesNotContain(measurements, m => m.Name == "deliberation.texts.sent" && Equals(m.Tags["deliberation.template"], "case-received"));
        var sent = Assert.Single(measurements, m => m.Name == "deliberation.texts.sent" && Equals(m.Tags["deliberation.template"], "staff-measured"));
        Assert.Equal("staff", sent.Tags["deliberation.channel"]);
        Assert.All(measurements.SelectMany(m => m.Tags.Values), value => Assert.DoesNotContain("13800138000", $"{value}", StringComparison.Ordinal));
    }

    private static MeterListener Listen(ConcurrentBag<(string Name, Dictionary<string, object?> Tags)> measurements)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == StorageTelemetry.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            measurements.Add((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        return listener;
    }

    private sealed class Refusing : ISmsSender
    {
        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) => throw new HttpRequestException("provider refused +8613800138000");
    }

    private sealed class Accepting : IStaffNotifier
    {
        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
