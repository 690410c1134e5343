using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;

namespace Deliberation.IntegrationTests;

/// <summary>The development outbox stands in for the SMS and WeChat providers: a text sent twice must show.</summary>
public sealed class DevelopmentOutboxTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SameNotification_SentThreeTimesTwoAtOnce_IsStoredOnceWithTwoRepeats()
    {
        var outbox = _app.Service<DevelopmentOutbox>();
        var text = new OutboundText("202611240001-outbox-00000002-000", "202611240001", Channel.Sms, "+8613800138000", "您反映的问题已受理。", Audience.Reporter, "case-received", null);
        await outbox.SendAsync(text, CancellationToken.None);
        await Task.WhenAll(outbox.SendAsync(text, CancellationToken.None), outbox.SendAsync(text, CancellationToken.None));

        var stored = Assert.Single(await _app.NotificationsAsync("202611240001"));
        Assert.Equal(2, stored.Repeats);
    }

    [Fact]
    public async Task TwoNotifications_SentOnceEach_HaveNoRepeats()
    {
        var outbox = _app.Service<DevelopmentOutbox>();
        await outbox.SendAsync(new OutboundText("n-1", "202611240002", Channel.Sms, "+8613800138000", "受理", Audience.Reporter, "case-received", null), CancellationToken.None);
        await outbox.SendAsync(new OutboundText("n-2", "202611240002", Channel.Sms, "+8613800138000", "派单", Audience.Reporter, "case-dispatched", null), CancellationToken.None);

        Assert.All(await _app.NotificationsAsync("202611240002"), n => Assert.Equal(0, n.Repeats));
    }
}
