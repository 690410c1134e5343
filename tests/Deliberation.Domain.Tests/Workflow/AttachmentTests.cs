using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

public sealed class AttachmentTests
{
    [Fact]
    public void Location_OnADispatchedCase_IsKeptWithoutChangingStatusPhaseOrDeadline()
    {
        var dispatched = Dispatched();

        var decision = Apply(dispatched, new AddAttachment("loc-1", Later(dispatched), AttachmentKind.Location, "31.0853,121.1712", "张泾村东宅"));

        var state = decision.NewState!;
        Assert.Equal((dispatched.Status, dispatched.Phase), (state.Status, state.Phase));
        Assert.Equal((dispatched.NextDeadlineKind, dispatched.NextDeadlineAt), (state.NextDeadlineKind, state.NextDeadlineAt));
        var attachment = Assert.Single(state.Attachments);
        Assert.Equal(new CaseAttachment(AttachmentKind.Location, "31.0853,121.1712", "张泾村东宅", Later(dispatched)), attachment);
        Assert.Empty(decision.Effects);
        Assert.False(decision.Timeline!.Public);
        Assert.Equal("Location", decision.Timeline.Note);
    }

    [Fact]
    public void Image_AfterALocation_IsAppended()
    {
        var received = Received();
        var located = Accept(received, new AddAttachment("loc-1", Later(received), AttachmentKind.Location, "31.1,121.2", null));

        var state = Accept(located, new AddAttachment("img-1", Later(located), AttachmentKind.Image, "media-123"));

        Assert.Equal([AttachmentKind.Location, AttachmentKind.Image], state.Attachments.Select(a => a.Kind));
    }

    [Fact]
    public void Attachment_OnAClosedCase_IsRejected()
    {
        var closed = Closed();

        var decision = Apply(closed, new AddAttachment("img-1", Later(closed), AttachmentKind.Image, "media-123"));

        Assert.Null(decision.NewState);
        Assert.NotNull(decision.Rejection);
    }
}
