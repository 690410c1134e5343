using Deliberation.Storage.Directory;
using Deliberation.Storage.Meetings;

namespace Deliberation.Api.Apis;

/// <summary>What the meeting endpoints share, injected as one.</summary>
public sealed class MeetingDeps(MeetingStore store, MeetingOutbox outbox, TownState town, TimeProvider time)
{
    public MeetingStore Store { get; } = store;

    public MeetingOutbox Outbox { get; } = outbox;

    public TownState Town { get; } = town;

    public TimeProvider Time { get; } = time;

    public MeetingViews Views() => new(Town.Context.Directory, Town.Zone);
}
