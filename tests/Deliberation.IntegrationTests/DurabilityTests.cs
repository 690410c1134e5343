using Azure.Data.Tables;
using Deliberation.Domain.Access;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests;

/// <summary>At-least-once delivery everywhere, exactly-once effects: crashes, duplicates and races.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task CrashBetweenCommitAndOutboxSend_RecoveredBySweep_EffectHappensOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint);
        var runtime = _app.Service<CaseRuntime>();
        var actor = new Actor("w1", ServicePoint, Roles.Officer);

        // The process "dies" right after the commit: the state moved, the outbox was not sent.
        var result = await runtime.HandleAsync(caseId, new Respond("respond-crash", _app.Clock.GetUtcNow(), actor, "已清运"), sendOutbox: false, CancellationToken.None);
        Assert.Equal(CaseOutcome.Applied, result.Outcome);
        Assert.NotEmpty(await runtime.Store.PendingOutboxAsync(caseId, CancellationToken.None));
        await _app.PumpAsync();
        Assert.DoesNotContain(await _app.NotificationsAsync(caseId), n => n.Template == "case-responded");

        // The sweep finds the outbox check left before the commit and sends the outbox.
        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Empty(await runtime.Store.PendingOutboxAsync(caseId, CancellationToken.None));
        Assert.Single(await _app.NotificationsAsync(caseId), n => n.Template == "case-responded");

        // Re-delivering the same message, and sweeping again, change nothing.
        var again = await runtime.HandleAsync(caseId, new Respond("respond-crash", _app.Clock.GetUtcNow(), actor, "已清运"), CancellationToken.None);
        Assert.Equal(CaseOutcome.Duplicate, again.Outcome);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Single(await _app.NotificationsAsync(caseId), n => n.Template == "case-responded");
        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Responded"));

        // The publish deadline it scheduled still works.
        await _app.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal("PublicReview", await _app.StatusOfAsync(caseId));
    }

    [Fact]
    public async Task SameWorkOrder_SentThreeTimesConcurrentlyAndOnceMore_MakesOneCase()
    {
        var copies = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => _app.FileWorkOrderAsync("桂花苑门口路灯不亮", "桂花苑", callId: "call-7788")));
        Assert.Single(copies.Distinct());
        var later = await _app.FileWorkOrderAsync("桂花苑门口路灯不亮", "桂花苑", callId: "call-7788");
        Assert.Equal(copies[0], later);

        var cases = _app.Table(_app.Storage.Names.Cases);
        var states = await cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"state"}")).ToListAsync();
        Assert.Single(states);
    }

    [Fact]
    public async Task DuplicateDeadlineMessage_DeliveredTwice_EscalatesOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        var state = (await _app.Service<CaseRuntime>().Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        _app.Clock.Advance(TimeSpan.FromHours(3));
        var due = new DeadlineDue(DeadlineDue.IdFor(DeadlineKind.Acknowledge, state.Phase), _app.Clock.GetUtcNow(), DeadlineKind.Acknowledge, state.Phase, state.AcknowledgeDueAt!.Value);
        var body = JsonSerializer.Serialize(new CaseEnvelope(caseId, due), StorageJson.Store.CaseEnvelope);
        await _app.Storage.CaseEvents.SendMessageAsync(body);
        await _app.Storage.CaseEvents.SendMessageAsync(body);
        await _app.PumpAsync();
        await _app.SweepAsync(); // the timer index fires the same deadline a third time
        await _app.PumpAsync();

        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Escalated"));
        Assert.Equal("v-zhangjing", (await _app.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("id").GetString());
        Assert.Single(await _app.NotificationsAsync(caseId), n => n.Template == "case-dispatched" && n.UnitId == "v-zhangjing" && n.Audience == Audience.Unit);
    }

    [Fact]
    public async Task StaleDeadline_AfterTheCaseMovedOn_ChangesNothing()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint);
        var before = await _app.GetCaseAsync(caseId);

        // The acknowledge deadline's timer fires after the unit already signed for the case.
        await _app.AdvanceAsync(TimeSpan.FromHours(3));
        var after = await _app.GetCaseAsync(caseId);
        Assert.Equal("Acknowledged", after.GetProperty("status").GetString());
        Assert.Equal(ServicePoint, after.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal(0, after.GetProperty("escalationCount").GetInt32());
        Assert.True(after.GetProperty("version").GetInt32() >= before.GetProperty("version").GetInt32());
        Assert.Equal(0, await _app.CountTimelineAsync(caseId, "Escalated"));
    }

    [Fact]
    public async Task StaffAction_RetriedWithTheSameIdempotencyKey_IsAppliedOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint);
        var client = _app.As("officer", ServicePoint);
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/cases/{caseId}/progress") { Content = JsonContent.Create(new { note = "已联系保洁公司" }) };
            request.Headers.Add("Idempotency-Key", "note-1");
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Progress"));
    }
}
