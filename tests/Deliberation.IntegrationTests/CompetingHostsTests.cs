using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace Deliberation.IntegrationTests;

/// <summary>Two processes on the same storage, each with its own engine and background services.</summary>
public sealed class CompetingHostsTests
{
    [Fact]
    public async Task TwoHostsCompetingOnOneStorage_NeverDoubleDispatch()
    {
        var prefix = Azurite.NewPrefix();
        var clock = new FakeTimeProvider(DeliberationApp.Start);
        await using var a = new DeliberationApp(prefix, listeners: true, clock: clock);
        await using var b = new DeliberationApp(prefix, listeners: true, clock: clock);
        _ = a.Server;
        _ = b.Server;

        var places = new[] { "张泾村东宅", "北埭", "南宅", "馨桥苑", "景澜小区" };
        var filed = await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
            (i % 2 == 0 ? a : b).FileWorkOrderAsync($"{places[i % places.Length]}附近垃圾堆放没人清运 #{i}", places[i % places.Length], callId: $"race-{i}")));

        // The two hosts took case numbers from one counter at the same time: none twice, none skipped.
        var sequence = filed.Distinct().Select(id => int.Parse(id[^4..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count), sequence);

        await WaitUntilAsync(async () => (await Task.WhenAll(filed.Select(a.StatusOfAsync))).All(s => s == "Dispatched"));

        // Both sweeps and both listeners saw every message; each case was still dispatched once.
        await WaitUntilAsync(async () => (await Task.WhenAll(filed.Select(async id => (await a.NotificationsAsync(id)).Count(n => n.Template == NotificationTemplates.CaseDispatched)))).All(n => n >= 2));
        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var caseId in filed)
        {
            Assert.Equal(1, await a.CountTimelineAsync(caseId, "Dispatched"));
            var notices = await a.NotificationsAsync(caseId);
            Assert.Single(notices, n => n.Template == NotificationTemplates.CaseDispatched && n.Audience == Audience.Unit);
            Assert.Single(notices, n => n.Template == NotificationTemplates.CaseDispatched && n.Audience == Audience.Reporter);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the hosts to dispatch every case.");
            await Task.Delay(200);
        }
    }
}
