using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Intake;
using Deliberation.Workflow.Delivery;

namespace Deliberation.IntegrationTests.Workflow;

/// <summary>
/// Delivery to a case is at least once with verification, applied exactly once: the engine can drop an event raised
/// at a just-created instance, and raising many events back to back must lose none.
/// </summary>
public sealed class EventDeliveryTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private static readonly Actor Officer = new("w1", ServicePoint, "officer");
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwoHundredMessages_RaisedBackToBackAtOneCase_AreEachAppliedExactlyOnce()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅");
        await _app.PumpAsync();
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint)).StatusCode);
        var before = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;

        var runtime = _app.Service<DurableCaseRuntime>();
        var at = _app.Clock.GetUtcNow();
        var notes = Enumerable.Range(1, 200).Select(i => new ReportProgress($"progress-{i:D3}", at, Officer, $"第{i}次进展")).ToList();
        await Task.WhenAll(notes.Select(note => runtime.SendAsync(caseId, note, CancellationToken.None)));

        // Some raised again, as the reconciler would: the case ignores ids it has seen.
        foreach (var note in notes.Take(20))
        {
            await runtime.SendAsync(caseId, note, CancellationToken.None);
        }

        // Two hundred decisions one after another on a shared 2-core machine: give the case its time.
        await new WorkflowSettler(_app).SettleAsync(patience: TimeSpan.FromMinutes(5));
        var after = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        Assert.Equal(before.Version + 200, after.Version);
        var timeline = await Store.TimelineAsync(caseId, CancellationToken.None);
        var applied = timeline.Where(e => e.Note?.StartsWith('第') == true).Select(e => e.Note).ToList();
        Assert.Equal(200, applied.Count);
        Assert.Equal(200, applied.Distinct().Count());
        foreach (var note in notes)
        {
            Assert.Equal(MessageOutcome.Applied, (await Store.MarkerAsync(caseId, note.MessageId, CancellationToken.None))?.Outcome);
        }
    }

    [Fact]
    public async Task OneMessageEach_RaisedRightAfterCreation_AtAHundredNewCases_IsAppliedExactlyOnce()
    {
        var intake = _app.Service<IntakeService>();
        var runtime = _app.Service<DurableCaseRuntime>();
        var cases = new List<string>();
        for (var i = 0; i < 100; i++)
        {
            var received = await intake.SubmitAsync(
                new IntakeRequest(Channel.Hotline, $"call-{i:D3}", new Reporter(Channel.Hotline, $"1390000{i:D4}", null), $"第{i}号路灯不亮了，晚上很黑", "张泾村东宅", AllowMerge: false),
                CancellationToken.None);
            cases.Add(received.CaseId);
            var at = _app.Clock.GetUtcNow();
            await runtime.SendAsync(received.CaseId, new AddAttachment($"photo-{i:D3}", at, AttachmentKind.Location, "31.1,121.3", $"路灯{i}"), CancellationToken.None);
        }

        await new WorkflowSettler(_app).SettleAsync(patience: TimeSpan.FromMinutes(5));
        foreach (var (caseId, i) in cases.Select((c, i) => (c, i)))
        {
            var state = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
            var attachment = Assert.Single(state.Attachments);
            Assert.Equal($"路灯{i}", attachment.Label);
            Assert.Equal(MessageOutcome.Applied, (await Store.MarkerAsync(caseId, $"photo-{i:D3}", CancellationToken.None))?.Outcome);
        }
    }

    /// <summary>
    /// DurableTask.AzureStorage sends an episode's activities before it checkpoints the episode: a process killed in
    /// between leaves the acknowledgement stored while the orchestration's history never saw it, until the engine hands
    /// the event again. An officer who read "Acknowledged" and responded in that gap must not be refused against the
    /// older state the orchestration holds: the response waits, and applies once the lost acknowledgement is back.
    /// </summary>
    [Fact]
    public async Task StoredCaseAheadOfItsOrchestration_ActionWaitsForTheLostMessage_InsteadOfBeingRefused()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅");
        await _app.PumpAsync();
        var dispatched = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        Assert.Equal(CaseStatus.Dispatched, dispatched.Status);

        // The lost episode: its apply activity ran and stored the acknowledgement.
        var acknowledge = new Acknowledge("ack-from-a-lost-episode", _app.Clock.GetUtcNow(), Officer);
        var decision = CaseWorkflow.Decide(dispatched, acknowledge, _app.Service<Deliberation.Storage.Directory.TownState>().Context, acknowledge.OccurredAt);
        Assert.False((await Store.CommitAppliedAsync(decision.NewState!, decision.Timeline, acknowledge.MessageId, CancellationToken.None)).Behind);

        var respond = await _app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply = "已安排清运，感谢反映。" });
        Assert.Equal(HttpStatusCode.Accepted, respond.StatusCode);

        // The engine hands the lost event again.
        await _app.Service<DurableCaseRuntime>().SendAsync(caseId, acknowledge, CancellationToken.None);
        await _app.PumpAsync();

        var after = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        Assert.Equal(CaseStatus.Responded, after.Status);
        Assert.Equal(dispatched.Version + 2, after.Version);
        Assert.DoesNotContain(await Store.TimelineAsync(caseId, CancellationToken.None), e => e.Event == "Refused");
    }

    /// <summary>
    /// An officer's acknowledgement that passed the API's check on the state it read, reaching the case after a reassign
    /// to another unit: the case checks authorisation again against the state it applies the action to, and refuses it.
    /// </summary>
    [Fact]
    public async Task Acknowledgement_ReachingTheCaseAfterItWasReassigned_IsRefused_NotAppliedForTheUnitThatLostIt()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅");
        await _app.PumpAsync();
        var runtime = _app.Service<DurableCaseRuntime>();
        var dispatchCentre = _app.Service<Deliberation.Storage.Directory.TownState>().Context.Directory.DispatchCentre;
        await runtime.SendAsync(caseId, new Reassign("reassign-first", _app.Clock.GetUtcNow(), new Actor("d1", dispatchCentre, "dispatcher"), "sp-hetang-nanzhai"), CancellationToken.None);
        await _app.PumpAsync();

        await runtime.SendAsync(caseId, new Acknowledge("ack-checked-on-the-old-state", _app.Clock.GetUtcNow(), Officer), CancellationToken.None);
        await _app.PumpAsync();

        var state = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        Assert.Equal(("sp-hetang-nanzhai", CaseStatus.Dispatched), (state.UnitId, state.Status));
        var marker = await Store.MarkerAsync(caseId, "ack-checked-on-the-old-state", CancellationToken.None);
        Assert.Equal(MessageOutcome.Refused, marker?.Outcome);
        Assert.Contains("sp-hetang-nanzhai", marker!.Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// A case started before starts were stored with the case's routing (its start input has no <c>Combined</c>) runs as
    /// it ran then: the start stored by itself, then the routing, each text once. Cases in flight at an upgrade replay so.
    /// </summary>
    [Fact]
    public async Task CaseStartedTheEarlierWay_StoresItsStartThenItsRouting_AndTextsEachOnce()
    {
        var runtime = _app.Service<DurableCaseRuntime>();
        var caseId = await _app.Service<CaseNumbers>().NextAsync(CancellationToken.None);
        var now = _app.Clock.GetUtcNow();
        var submit = new Submit("call-earlier-way", now, Channel.Hotline, "东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", null, null, null);
        var started = CaseWorkflow.Start(caseId, submit, _app.Service<Deliberation.Storage.Directory.TownState>().Context, now);
        var reporter = _app.Service<Deliberation.Storage.Residents.ResidentDirectory>().Protect(new Reporter(Channel.Hotline, "13900001234", null));
        await Store.CreateAsync(started.NewState!, started.Timeline, submit.MessageId, reporter, CancellationToken.None);

        // The input as the earlier version wrote it: without the fields it did not have.
        var earlier = System.Text.Json.Nodes.JsonNode.Parse(Deliberation.Workflow.WorkflowJson.Write(
            new Deliberation.Workflow.CaseStart(started.NewState!, started.Effects, submit.MessageId, runtime.ClockSkew)))!.AsObject();
        Assert.True(earlier.Remove("combined"));
        await _app.Service<DurableClientAccessor>().Client.ScheduleNewOrchestrationInstanceAsync(
            Deliberation.Workflow.Cases.CaseOrchestration.Name, earlier.ToJsonString(), new Microsoft.DurableTask.StartOrchestrationOptions(caseId));
        await _app.PumpAsync();

        var state = (await Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;
        Assert.Equal(CaseStatus.Dispatched, state.Status);
        var texts = await _app.NotificationsAsync(caseId);
        Assert.Single(texts, n => n.Template == Deliberation.Domain.Notifications.NotificationTemplates.CaseReceived);
        Assert.Single(texts, n => n.Template == Deliberation.Domain.Notifications.NotificationTemplates.CaseDispatched && n.Audience == Audience.Reporter);
        Assert.Equal(0, texts.Sum(n => n.Repeats));
    }

    private CaseStore Store => _app.Service<Deliberation.Storage.Cases.ICaseRuntime>().Store;
}
