using System.Text;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Digest;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Deliberation.IntegrationTests.Representatives.RepresentativeClients;

namespace Deliberation.IntegrationTests.Representatives;

/// <summary>The daily digest loses no milestone: not one handled after its day's digest went out, not one recipient's failed text.</summary>
public sealed class DigestDeliveryTests
{
    private static readonly DateOnly Tuesday = DateOnly.FromDateTime(DeliberationApp.Start.DateTime);

    /// <summary>Staff texts that fail for one recipient until told otherwise, and go to the development outbox for the rest.</summary>
    private sealed class FailingFor(string recipient, DevelopmentOutbox outbox) : IStaffNotifier
    {
        public bool Failing { get; set; } = true;

        public Task SendAsync(OutboundText message, CancellationToken cancellationToken) =>
            Failing && message.To == recipient ? throw new HttpRequestException("staff SMS gateway down") : outbox.SendAsync(message, cancellationToken);
    }

    [Fact]
    public async Task MilestoneMadeBeforeSixButHandledAfterTheDigestWentOut_IsInTheNextDaysDigest()
    {
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await app.PumpAsync(); // 派单 on Tuesday, in Tuesday's digest
        var digest = app.Service<DigestService>();
        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(59)); // 17:59
        var decidedAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await digest.SendAsync(Tuesday, CancellationToken.None); // 18:00: Tuesday's digest goes out

        // The notice was made at 17:59 and reaches the dispatcher only now (a backlog on the queue).
        await SendAsync(app, Milestone(caseId, "Decided", decidedAt));

        var store = app.Service<DigestStore>();
        var wednesday = await store.DayAsync(Tuesday.AddDays(1), CancellationToken.None);
        Assert.Equal(OfZhangjing, wednesday.Where(r => r.Milestone == "Decided").Select(r => r.Recipient).Order(StringComparer.Ordinal));
        app.Clock.Advance(TimeSpan.FromDays(1));
        await digest.SendAsync(Tuesday.AddDays(1), CancellationToken.None);
        var yao = Assert.Single(await app.NotificationsAsync(DigestService.KeyOf(Tuesday.AddDays(1))), t => t.To == "rep:" + Yao);
        Assert.Equal($"【新桥镇】关注诉求每日动态（11月25日）：议定1件：{caseId}。", yao.Text);
    }

    [Fact]
    public async Task MilestoneHandledDaysLate_IsInTheNextDigestThatWillStillBeSent()
    {
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await app.PumpAsync();
        var decidedAt = app.Clock.GetUtcNow(); // Tuesday morning
        app.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromHours(11)); // Thursday 20:00: Tuesday's and Wednesday's digests are past

        await SendAsync(app, Milestone(caseId, "Decided", decidedAt));

        var thursday = Tuesday.AddDays(2);
        var store = app.Service<DigestStore>();
        Assert.Equal(OfZhangjing, (await store.DayAsync(thursday, CancellationToken.None)).Where(r => r.Milestone == "Decided").Select(r => r.Recipient).Order(StringComparer.Ordinal));
        await app.Service<DigestService>().SendDueAsync(app.Clock.GetUtcNow(), CancellationToken.None); // the run that catches up: Wednesday and Thursday
        var yao = Assert.Single(await app.NotificationsAsync(DigestService.KeyOf(thursday)), t => t.To == "rep:" + Yao);
        Assert.Contains($"议定1件：{caseId}", yao.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MilestoneHandledBeforeTheDigest_StaysInItsOwnDay()
    {
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await app.PumpAsync();

        await SendAsync(app, Milestone(caseId, "Decided", app.Clock.GetUtcNow()));

        var store = app.Service<DigestStore>();
        Assert.Contains(await store.DayAsync(Tuesday, CancellationToken.None), r => r.Milestone == "Decided");
        Assert.Empty(await store.DayAsync(Tuesday.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task OneRecipientsTextFailing_TheOthersGetTheirsAndTheTimerFailsSoTheRetrySendsTheRest()
    {
        FailingFor? notifier = null;
        await using var app = new DeliberationApp(services: s => s.Replace(ServiceDescriptor.Singleton<IStaffNotifier>(sp =>
            notifier = new FailingFor("rep:" + Yao, sp.GetRequiredService<DevelopmentOutbox>()))));
        await app.FileWorkOrderAsync(ParkingAtDongzhai, Dongzhai);
        await app.PumpAsync();
        app.Clock.Advance(TimeSpan.FromHours(9)); // 18:00

        var failed = await InvokeTimerAsync(app);

        Assert.False(failed);
        var sent = await app.NotificationsAsync(DigestService.KeyOf(Tuesday));
        Assert.Equal(OfZhangjing.Where(r => r != "rep:" + Yao), sent.Select(t => t.To).Order(StringComparer.Ordinal));

        notifier!.Failing = false;
        Assert.True(await InvokeTimerAsync(app)); // the timer's retry
        var all = await app.NotificationsAsync(DigestService.KeyOf(Tuesday));
        Assert.Equal(OfZhangjing, all.Select(t => t.To).Order(StringComparer.Ordinal)); // each once: the others are not sent again
    }

    private static NotificationRequest Milestone(string caseId, string milestone, DateTimeOffset createdAt) => new(
        $"{caseId}-{milestone}",
        caseId,
        Audience.Followers,
        NotificationTemplates.Milestone,
        null,
        new Dictionary<string, string> { ["caseId"] = caseId, ["milestone"] = milestone, ["status"] = milestone },
        createdAt);

    /// <summary>Through the activity the case's orchestration runs for each notice.</summary>
    private static async Task SendAsync(DeliberationApp app, NotificationRequest request)
    {
        await app.Service<Deliberation.Workflow.Cases.SendCaseNotification>().RunAsync(null!, Deliberation.Workflow.WorkflowJson.Write(request));
        await app.PumpAsync();
    }

    /// <summary>One run of the digest timer; false when it failed (and its retry policy would run it again).</summary>
    private static async Task<bool> InvokeTimerAsync(DeliberationApp app)
    {
        try
        {
            await app.Service<DigestService>().RunAsync(app.Clock.GetUtcNow(), CancellationToken.None);
            return true;
        }
        catch (DigestIncompleteException)
        {
            return false;
        }
    }
}
