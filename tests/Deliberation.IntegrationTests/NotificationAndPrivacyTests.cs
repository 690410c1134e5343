using Azure.Data.Tables;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests;

public sealed class NotificationAndPrivacyTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private const string Phone = "13912345678";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ReporterPhone_AtRest_IsEncryptedAndFoundOnlyByKeyedHash()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅", phone: Phone);

        await foreach (var row in _app.Table(_app.Storage.Names.Cases).QueryAsync<TableEntity>())
        {
            Assert.DoesNotContain("12345678", string.Join("|", row.Select(p => p.Value?.ToString())));
        }

        var residents = _app.Service<ResidentDirectory>();
        var cases = await residents.CasesAsync(residents.PhoneKey("+86 139-1234-5678"), 10, CancellationToken.None);
        Assert.Equal(caseId, Assert.Single(cases).CaseId);
        await foreach (var row in _app.Table(_app.Storage.Names.ResidentCases).QueryAsync<TableEntity>())
        {
            Assert.DoesNotContain("12345678", row.PartitionKey);
        }
    }

    [Fact]
    public async Task Reporter_IsTextedTheCaseNumberAndTheUnit()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅", phone: Phone);
        await _app.PumpAsync();

        var texts = (await _app.NotificationsAsync(caseId)).Where(n => n.Audience == Audience.Reporter).ToList();
        var received = Assert.Single(texts, t => t.Template == NotificationTemplates.CaseReceived);
        Assert.Equal(Channel.Sms, received.Channel);
        Assert.Contains(caseId, received.Text);
        Assert.Equal("139****5678", received.To);
        Assert.Contains("张泾村东宅巷邻坊", Assert.Single(texts, t => t.Template == NotificationTemplates.CaseDispatched).Text);
        Assert.Contains(caseId, await _app.CreateClient().GetStringAsync("/api/dev/outbox"));
    }

    [Fact]
    public async Task OptedOutResident_GetsTheAnswerButNoProgressTexts()
    {
        await _app.Service<ResidentDirectory>().SetSmsOptOutAsync(Phone, true, _app.Clock.GetUtcNow(), CancellationToken.None);
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅", phone: Phone);
        await _app.PumpAsync();
        await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint);
        await _app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply = "已清运。" });
        await _app.PumpAsync();

        var templates = (await _app.NotificationsAsync(caseId)).Where(n => n.Audience == Audience.Reporter).Select(n => n.Template).ToList();
        Assert.Contains(NotificationTemplates.CaseReceived, templates);
        Assert.Contains(NotificationTemplates.CaseResponded, templates);
        Assert.DoesNotContain(NotificationTemplates.CaseDispatched, templates);
    }
}
