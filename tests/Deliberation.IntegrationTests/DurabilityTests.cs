using Azure.Data.Tables;
using Deliberation.Domain.Access;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Workflow;
using Deliberation.Workflow.Cases;
using Deliberation.Workflow.Delivery;

namespace Deliberation.IntegrationTests;

/// <summary>At-least-once delivery everywhere, exactly-once effects: crashes, duplicates and races.</summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task DecisionAppliedTwiceAndMessageRedelivered_AfterACrash_EffectHappensOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint);
        var runtime = _app.Service<DurableCaseRuntime>();
        var actor = new Actor("w1", ServicePoint, Roles.Officer);
        var respond = new Respond("respond-crash", _app.Clock.GetUtcNow(), actor, "已清运");
        Assert.Equal(CaseOutcome.Applied, (await runtime.HandleAsync(caseId, respond, CancellationToken.None)).Outcome);
        await _app.PumpAsync();
        var applied = (await runtime.Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        var timeline = (await runtime.Store.TimelineAsync(caseId, CancellationToken.None)).Single(e => e.Event == TimelineEvents.Responded);

        // A process that dies after the apply activity stored the decision runs the activity again when it restarts,
        // and the reconciler, not seeing the message cleared, raises it again.
        var activity = _app.Service<ApplyCaseDecision>();
        await activity.RunAsync(null!, WorkflowJson.Write(new CaseCommit(caseId, respond.MessageId, nameof(Respond), CommitKind.Applied, applied, timeline, null, Delivered: true)));
        await runtime.SendAsync(caseId, respond, CancellationToken.None);
        var again = await runtime.HandleAsync(caseId, respond, CancellationToken.None);
        await _app.PumpAsync();

        Assert.Equal(CaseOutcome.Duplicate, again.Outcome);
        Assert.Equal(applied.Version, (await runtime.Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State.Version);
        Assert.Single(await _app.NotificationsAsync(caseId), n => n.Template == NotificationTemplates.CaseResponded);
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

        // A copy that lost the message's claim recorded a start for its own number at the same time: it is withdrawn.
        var deliveries = _app.Table(_app.Storage.Names.Deliveries);
        var strays = await deliveries.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ne {copies[0]}")).ToListAsync();
        Assert.Empty(strays);
    }

    [Fact]
    public async Task DuplicateDeadlineMessage_DeliveredTwice_EscalatesOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        var runtime = _app.Service<DurableCaseRuntime>();
        var state = (await runtime.Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        _app.Clock.Advance(TimeSpan.FromHours(3));

        // The same deadline raised twice from outside (as a redelivery would), and fired by its own durable timer.
        var due = new DeadlineDue(DeadlineDue.IdFor(DeadlineKind.Acknowledge, state.Phase), _app.Clock.GetUtcNow(), DeadlineKind.Acknowledge, state.Phase, state.AcknowledgeDueAt!.Value);
        await runtime.SendAsync(caseId, due, CancellationToken.None);
        await runtime.SendAsync(caseId, due, CancellationToken.None);
        await _app.AdvanceAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, await _app.CountTimelineAsync(caseId, "Escalated"));
        Assert.Equal("v-zhangjing", (await _app.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("id").GetString());
        Assert.Single(await _app.NotificationsAsync(caseId), n => n.Template == NotificationTemplates.CaseDispatched && n.UnitId == "v-zhangjing" && n.Audience == Audience.Unit);
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
