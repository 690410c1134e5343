using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Deliberation.IntegrationTests;

public sealed class NotificationRetryTests
{
    /// <summary>An SMS provider that fails the first time it is called for the test's notice (the case's own texts pass).</summary>
    private sealed class FlakySms : ISmsSender
    {
        public int Calls;

        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) =>
            !message.NotificationId.EndsWith("-test", StringComparison.Ordinal) ? Task.CompletedTask
            : Interlocked.Increment(ref Calls) == 1 ? throw new HttpRequestException("provider down") : Task.CompletedTask;
    }

    [Fact]
    public async Task SendThatFailed_RetriedAtOnce_IsSentAndThenNeverAgain()
    {
        var sms = new FlakySms();
        await using var app = new DeliberationApp(services: s => s.Replace(ServiceDescriptor.Singleton<ISmsSender>(sms)));
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        var request = new NotificationRequest($"{caseId}-test", caseId, Audience.Reporter, NotificationTemplates.CaseReceived, null, new Dictionary<string, string> { ["caseId"] = caseId }, app.Clock.GetUtcNow());
        var body = Deliberation.Workflow.WorkflowJson.Write(request);

        // The activity the case's orchestration runs for each notice, as its retry policy would run it again and again.
        var activity = app.Service<Deliberation.Workflow.Cases.SendCaseNotification>();
        await Assert.ThrowsAsync<HttpRequestException>(() => activity.RunAsync(null!, body));
        await activity.RunAsync(null!, body);
        await activity.RunAsync(null!, body);

        Assert.Equal(2, sms.Calls);
    }
}
