using Deliberation.Api.Hosting;
using Deliberation.Storage.Digest;
using Deliberation.Storage.Directory;
using Microsoft.Extensions.Logging.Abstractions;
using static Deliberation.IntegrationTests.Representatives.RepresentativeClients;

namespace Deliberation.IntegrationTests.Representatives;

/// <summary>The in-process digest schedule, on the fake clock: nothing before 18:00 Shanghai, the day's digest at 18:00.</summary>
public sealed class DigestSchedulerTests : IAsyncLifetime
{
    private static readonly DateOnly Tuesday = DateOnly.FromDateTime(DeliberationApp.Start.DateTime);
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(9, 9 * 60)]
    [InlineData(18, 24 * 60)]
    [InlineData(23, 19 * 60)]
    public void DelayUntilNext_FromAnHourOfTheDay_IsUntilTheNext1800(int hour, int minutes)
    {
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var now = new DateTimeOffset(2026, 11, 24, hour, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(TimeSpan.FromMinutes(minutes), DigestScheduler.DelayUntilNext(now, shanghai));
    }

    [Fact]
    public async Task Scheduler_OnTheFakeClock_SendsTheDaysDigestAt1800AndNotBefore()
    {
        await _app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await _app.PumpAsync(); // dispatched: a milestone for 张泾村's representatives
        using var scheduler = new DigestScheduler(_app.Service<DigestService>(), _app.Service<TownState>(), _app.Clock, NullLogger<DigestScheduler>.Instance);
        await scheduler.StartAsync(CancellationToken.None);

        _app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(59)); // 17:59
        await Task.Delay(200);
        Assert.Empty(await _app.NotificationsAsync(DigestService.KeyOf(Tuesday)));

        _app.Clock.Advance(TimeSpan.FromMinutes(1)); // 18:00
        var sent = await EventuallyAsync(async () => await _app.NotificationsAsync(DigestService.KeyOf(Tuesday)), texts => texts.Count == OfZhangjing.Length);
        Assert.Equal(OfZhangjing, sent.Select(t => t.To).Order(StringComparer.Ordinal));
        await scheduler.StopAsync(CancellationToken.None);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; ; i++)
        {
            var value = await read();
            if (done(value) || i == 100)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
