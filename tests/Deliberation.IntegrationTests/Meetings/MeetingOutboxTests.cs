using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Meetings;
using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.IntegrationTests.Meetings;

/// <summary>A meeting's messages to its cases survive a failed delivery: stored with the meeting, delivered by the sweep.</summary>
public sealed class MeetingOutboxTests : IAsyncLifetime
{
    private readonly FailingMessenger _failing = new();
    private readonly DeliberationApp _app;

    public MeetingOutboxTests()
    {
        _app = new DeliberationApp(services: s => s.AddSingleton<ICaseMessenger>(sp => _failing.Over(new RuntimeCaseMessenger(sp.GetRequiredService<ICaseRuntime>()))));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task PendingCaseMessages_AfterADeliveryFailure_AreDeliveredByTheSweep()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000071");
        var rules = await _app.ReferredCaseAsync("建议修订村规民约，增加文明养犬的条款", "张泾村沈家埭", "13900000072");
        var id = (await _app.ScheduleAsync()).Id();
        _failing.FailNext = 1;

        var built = await _app.OkAsync($"/api/meetings/{id}/agenda/build");

        // The agenda is stored with both messages; the first failed, so neither case has it yet (order is kept).
        Assert.Equal(2, built.GetProperty("meeting").GetProperty("items").GetArrayLength());
        Assert.Equal(2, built.GetProperty("meeting").GetProperty("pendingCaseMessages").GetArrayLength());
        Assert.Null((await _app.StateAsync(parking)).Meeting);
        Assert.Null((await _app.StateAsync(rules)).Meeting);

        // Not yet due for recovery: a sweep straight away leaves them to the live path.
        await _app.SweepAsync();
        Assert.Equal(2, (await _app.GetMeetingAsync(id)).GetProperty("pendingCaseMessages").GetArrayLength());

        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));

        Assert.Empty((await _app.GetMeetingAsync(id)).GetProperty("pendingCaseMessages").EnumerateArray());
        Assert.Equal(id, (await _app.StateAsync(parking)).Meeting?.MeetingId);
        Assert.Equal(id, (await _app.StateAsync(rules)).Meeting?.MeetingId);
        Assert.Single(await _app.NotificationsAsync(parking), n => n.Template == NotificationTemplates.CaseOnAgenda);

        // Another sweep finds nothing left to send, and the case saw the message once.
        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await _app.CountTimelineAsync(parking, "OnAgenda"));
    }

    [Fact]
    public async Task Decision_DeliveredTwice_IsAppliedToTheCaseOnce()
    {
        var parking = await _app.ReferredCaseAsync("东宅路边乱停车，把消防通道都堵住了，建议划定停车位", "张泾村东宅", "13900000073");
        var id = (await _app.ScheduleAsync()).Id();
        var itemId = (await _app.OkAsync($"/api/meetings/{id}/agenda/build")).GetProperty("meeting").ItemFor(parking).GetProperty("itemId").GetString()!;
        await _app.PumpAsync();
        await _app.AdvanceAsync(MeetingTestKit.MeetingAt - _app.Clock.GetUtcNow());
        await _app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(9) });
        await _app.OkAsync($"/api/meetings/{id}/items/{itemId}/vote", new { @for = 7, against = 2, resolution = "同意施划停车位" });
        var version = (await _app.StateAsync(parking)).Version;

        // A second copy (as a crash between delivery and clearing would cause) is a duplicate for the case.
        var again = await _app.Service<ICaseRuntime>().HandleAsync(parking, new DeliberationDecided($"meeting-{id}-{itemId}-decided", _app.Clock.GetUtcNow(), id, DeliberationOutcome.Adopted, "同意施划停车位"), CancellationToken.None);

        Assert.Equal(CaseOutcome.Duplicate, again.Outcome);
        Assert.Equal(version, (await _app.StateAsync(parking)).Version);
    }

    private sealed class FailingMessenger
    {
        public int FailNext { get; set; }

        public ICaseMessenger Over(ICaseMessenger inner) => new Wrapper(this, inner);

        private sealed class Wrapper(FailingMessenger owner, ICaseMessenger inner) : ICaseMessenger
        {
            public Task<CaseResult> SendAsync(string caseId, CaseMessage message, CancellationToken cancellationToken)
            {
                if (owner.FailNext > 0)
                {
                    owner.FailNext--;
                    throw new HttpRequestException("simulated storage outage");
                }

                return inner.SendAsync(caseId, message, cancellationToken);
            }
        }
    }
}
