using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests;

/// <summary>A case at every bound the workflow keeps still fits its table row, and reads back whole.</summary>
public sealed class CaseRowSizeTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task LargestCase_IsStoredAndReadBackWhole()
    {
        var state = Largest("209912310001", DeliberationApp.Start);
        var store = new CaseStore(_app.Storage.Cases);

        // Over the 64 KiB of one string property: the state is stored in parts.
        Assert.True(System.Text.Json.JsonSerializer.Serialize(state, Deliberation.Storage.StorageJson.Store.CaseState).Length > 32_768);
        // Written as intake stores a case, then as its workflow stores a decision on it.
        await store.CreateAsync(state, null, "largest", new Deliberation.Storage.Residents.StoredReporter(Channel.Hotline, null, null, null, null, "anonymous"), CancellationToken.None);
        var grown = state with { Version = state.Version + 1, Reply = new string('复', CaseWorkflow.MaxNoteLength - 1) + "😀" };
        Assert.False((await store.CommitAppliedAsync(grown, null, "largest-2", CancellationToken.None)).Behind);

        var read = (await store.GetStateAsync(state.CaseId, CancellationToken.None))!.Value.State;
        Assert.Equal(
            System.Text.Json.JsonSerializer.Serialize(grown, Deliberation.Storage.StorageJson.Store.CaseState),
            System.Text.Json.JsonSerializer.Serialize(read, Deliberation.Storage.StorageJson.Store.CaseState));
    }

    /// <summary>A case with every text at its bound, every list full, in Chinese (two bytes a character as stored).</summary>
    private static CaseState Largest(string caseId, DateTimeOffset at)
    {
        static string Text(int length) => new('字', length);
        static string Id(int i) => $"u{i}".PadRight(CaseWorkflow.MaxIdLength, 'x');
        return new CaseState
        {
            CaseId = caseId,
            Version = 40,
            Text = Text(CaseWorkflow.MaxTextLength),
            Place = Text(CaseWorkflow.MaxPlaceLength),
            Category = Id(0),
            Village = Id(1),
            UnitId = Id(2),
            Reply = Text(CaseWorkflow.MaxNoteLength),
            DeclineReason = Text(CaseWorkflow.MaxNoteLength),
            Meeting = new ScheduledMeeting(Id(3), at, Text(200)),
            Decision = new MeetingDecision(Id(3), 1, DeliberationOutcome.Adopted, Text(CaseWorkflow.MaxNoteLength), Id(4), Text(200), at, at, 5),
            Supervision = new Supervision(Id(5), at, Text(CaseWorkflow.MaxNoteLength), at, at),
            Whistle = new WhistleCall(3, Id(6), Id(7), at, Text(CaseWorkflow.MaxNoteLength), [.. Enumerable.Range(0, CaseWorkflow.MaxSummoned).Select(i => new Summons(Id(100 + i), at, at))]),
            UnitHistory = [.. Enumerable.Range(0, 100).Select(Id)],
            Attachments = [.. Enumerable.Range(0, CaseWorkflow.MaxAttachments).Select(_ => new CaseAttachment(AttachmentKind.Image, new string('h', CaseWorkflow.MaxAttachmentReference), Text(CaseWorkflow.MaxAttachmentReference), at))],
            ReceivedAt = at,
            UpdatedAt = at,
        };
    }
}
