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

    /// <summary>An SMS provider that takes its time over the acknowledgement, and stops when cancelled, as an HTTP call does.</summary>
    private sealed class SlowSms : ISmsSender
    {
        public int Calls;

        public async Task SendAsync(OutboundText message, CancellationToken cancellationToken)
        {
            if (message.Template == NotificationTemplates.CaseReceived)
            {
                Interlocked.Increment(ref Calls);
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }
    }

    /// <summary>
    /// A text slower than the apply activity waits for (a provider, or storage, stalling) is not cancelled: the case goes
    /// on, the text finishes by itself, and its own retried activity finds it sent. Cancelling it would have texted the
    /// resident a second time whenever the provider had the first already.
    /// </summary>
    [Fact]
    public async Task TextSlowerThanTheActivityWaitsFor_HoldsUpNothing_AndGoesOutOnce()
    {
        var sms = new SlowSms();
        await using var app = new DeliberationApp(
            settings: new Dictionary<string, string?> { ["Workflow:InlineSendLimit"] = "00:00:00.200" },
            services: s => s.Replace(ServiceDescriptor.Singleton<ISmsSender>(sms)));
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");

        await new WorkflowSettler(app).SettleAsync(patience: TimeSpan.FromMinutes(1));
        Assert.Equal("Dispatched", await app.StatusOfAsync(caseId));
        Assert.Equal(1, sms.Calls);
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
