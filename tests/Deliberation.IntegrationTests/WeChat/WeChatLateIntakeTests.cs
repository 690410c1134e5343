using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests.WeChat;

public sealed class WeChatLateIntakeTests
{
    [Fact]
    public async Task ProcessDiesAfterAnsweringSuccess_QueuedMessageStillBecomesACase_NumberSentOnce()
    {
        await using var app = new DeliberationApp(settings: WeChatFollower.Settings());

        // What the endpoint leaves on the queue before answering "success" when the intake overruns its deadline.
        var late = new WeChatLateIntake(WeChatFollower.OpenId, "6054768590064799999", "东宅路口的垃圾桶满了没人清运");
        var inbox = app.Storage.Queue(app.Storage.Names.WeChatInbox);
        await inbox.SendMessageAsync(JsonSerializer.Serialize(late, StorageJson.Store.WeChatLateIntake));
        await inbox.SendMessageAsync(JsonSerializer.Serialize(late, StorageJson.Store.WeChatLateIntake));
        await app.PumpAsync();

        var residents = app.Service<ResidentDirectory>();
        var caseId = Assert.Single(await residents.CasesAsync(residents.WeChatKey(WeChatFollower.OpenId), 5, CancellationToken.None)).CaseId;
        var notice = Assert.Single(await app.NotificationsAsync(caseId), n => n.Template == NotificationTemplates.CaseReceived);
        Assert.Equal(Channel.WeChat, notice.Channel);
        Assert.Contains(caseId, notice.Text, StringComparison.Ordinal);
    }
}
