using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Deliberation.IntegrationTests;

public sealed class NotificationRetryTests
{
    /// <summary>An SMS provider that fails the first time it is called.</summary>
    private sealed class FlakySms : ISmsSender
    {
        public int Calls;

        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref Calls) == 1 ? throw new HttpRequestException("provider down") : Task.CompletedTask;
    }

    [Fact]
    public async Task SendThatFailed_RetriedAtOnce_IsSentAndThenNeverAgain()
    {
        var sms = new FlakySms();
        await using var app = new DeliberationApp(services: s => s.Replace(ServiceDescriptor.Singleton<ISmsSender>(sms)));
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        var request = new NotificationRequest($"{caseId}-test", caseId, Audience.Reporter, "case-received", null, new Dictionary<string, string> { ["caseId"] = caseId }, app.Clock.GetUtcNow());
        var body = JsonSerializer.Serialize(request, StorageJson.Store.NotificationRequest);
        var handler = app.Service<NotificationHandler>();

        await Assert.ThrowsAsync<HttpRequestException>(() => handler.HandleAsync(body, 1, CancellationToken.None));
        await handler.HandleAsync(body, 2, CancellationToken.None);
        await handler.HandleAsync(body, 3, CancellationToken.None);

        Assert.Equal(2, sms.Calls);
    }
}
