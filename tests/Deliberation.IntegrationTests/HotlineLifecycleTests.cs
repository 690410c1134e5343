using System.Text.RegularExpressions;
using Deliberation.Domain.Notifications;

namespace Deliberation.IntegrationTests;

public sealed partial class HotlineLifecycleTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task HotlineCase_WalkedThroughTheLifecycle_IsPublishedRedactedThenClosed()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运，臭味很大", "张泾村东宅", phone: "13912345678");
        Assert.Matches(@"^20261124\d{4}$", caseId);

        // Intake answers at once; the case's orchestration routes it moments later.
        Assert.Contains(await _app.StatusOfAsync(caseId), new[] { "Received", "Dispatched" });

        await _app.PumpAsync();
        var dispatched = await _app.GetCaseAsync(caseId);
        Assert.Equal("Dispatched", dispatched.GetProperty("status").GetString());
        Assert.Equal(ServicePoint, dispatched.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal("environment", dispatched.GetProperty("category").GetProperty("id").GetString());
        Assert.Equal("139****5678", dispatched.GetProperty("reporter").GetProperty("phone").GetString());

        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint)).StatusCode);
        Assert.Equal("Acknowledged", await _app.StatusOfAsync(caseId));

        var reply = "已安排保洁员清运并加密收运频次，如有问题请致电 13912345678 联系。";
        Assert.Equal(HttpStatusCode.OK, (await _app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply })).StatusCode);
        await _app.PumpAsync();
        Assert.Equal("Responded", await _app.StatusOfAsync(caseId));

        // Not published before the review window ends: the public does not see the reply yet.
        var early = await _app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{caseId}", DeliberationApp.Json);
        Assert.Equal(JsonValueKind.Undefined, early.TryGetProperty("reply", out var none) ? none.ValueKind : JsonValueKind.Undefined);

        await _app.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal("PublicReview", await _app.StatusOfAsync(caseId));

        var published = await _app.CreateClient().GetStringAsync($"/api/public/cases/{caseId}");
        Assert.Contains("已安排保洁员清运", published);
        Assert.DoesNotContain("13912345678", published);
        Assert.DoesNotContain("清运，臭味很大", published); // the resident's own text is not published
        Assert.DoesNotMatch(LooksLikePhoneOrId(), published);

        await _app.AdvanceAsync(TimeSpan.FromDays(8));
        Assert.Equal("Closed", await _app.StatusOfAsync(caseId));

        var reporterNotices = (await _app.NotificationsAsync(caseId)).Where(n => n.Audience == Domain.Workflow.Audience.Reporter).Select(n => n.Template).ToList();
        // Each milestone told once, however often the outbox or queue delivered it.
        Assert.Equal([NotificationTemplates.CaseClosed, NotificationTemplates.CaseDispatched, NotificationTemplates.CaseReceived, NotificationTemplates.CaseResponded, NotificationTemplates.PublicReviewStarted], reporterNotices.Order(StringComparer.Ordinal).ToList());

        var publicList = await _app.CreateClient().GetStringAsync("/api/public/cases?state=Closed");
        Assert.Contains(caseId, publicList);
        Assert.DoesNotMatch(LooksLikePhoneOrId(), publicList.Replace(caseId, "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TraditionalChineseStreetlightReport_IsRoutedToTheTownDepartment()
    {
        var caseId = await _app.FileWorkOrderAsync("春暉路的路燈壞了一個星期，晚上很黑，請儘快修理", "春晖路");
        await _app.PumpAsync();

        var routed = await _app.GetCaseAsync(caseId);
        Assert.Equal("Dispatched", routed.GetProperty("status").GetString());
        Assert.Equal("guihua", routed.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal("road", routed.GetProperty("category").GetProperty("id").GetString());
    }

    [Fact]
    public async Task WorkOrder_AtAPlaceNoServicePointCovers_GoesToDispatchCentreTriage()
    {
        var caseId = await _app.FileWorkOrderAsync("小区门口垃圾堆放很久没人管", "外镇某某路");
        await _app.PumpAsync();
        var state = await _app.GetCaseAsync(caseId);
        Assert.Equal("Triage", state.GetProperty("status").GetString());
        Assert.Equal("dispatch", state.GetProperty("unit").GetProperty("id").GetString());

        var reassigned = await _app.ActAsync(caseId, "reassign", "dispatcher", "dispatch", new { unitId = "shirongsuo" });
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        await _app.PumpAsync();
        var unitList = await _app.As("officer", "shirongsuo").GetStringAsync("/api/units/shirongsuo/cases?state=Dispatched");
        Assert.Contains(caseId, unitList);
        var dispatchList = await _app.As("dispatcher", "dispatch").GetStringAsync("/api/units/dispatch/cases");
        Assert.DoesNotContain(caseId, dispatchList);
    }

    [Fact]
    public async Task UnacknowledgedCase_WhenItsWorkingTimeDeadlinePasses_EscalatesToTheVillageCommittee()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
        var due = (await _app.GetCaseAsync(caseId)).GetProperty("acknowledgeDueAt").GetDateTimeOffset();
        Assert.Equal(DeliberationApp.Start.AddHours(2), due); // 09:00 + 2 working hours, same morning

        await _app.AdvanceAsync(TimeSpan.FromMinutes(100));
        Assert.Equal(ServicePoint, (await _app.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("id").GetString());

        await _app.AdvanceAsync(TimeSpan.FromMinutes(25));
        var escalated = await _app.GetCaseAsync(caseId);
        Assert.Equal("Dispatched", escalated.GetProperty("status").GetString());
        Assert.Equal("v-zhangjing", escalated.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal(1, escalated.GetProperty("escalationCount").GetInt32());
        Assert.True(escalated.GetProperty("overdue").GetBoolean());

        // The service point no longer lists it; the committee does.
        Assert.DoesNotContain(caseId, await _app.As("officer", ServicePoint).GetStringAsync($"/api/units/{ServicePoint}/cases"));
        Assert.Contains(caseId, await _app.As("officer", "v-zhangjing").GetStringAsync("/api/units/v-zhangjing/cases"));
        Assert.Contains((await _app.NotificationsAsync(caseId)), n => n.Audience == Domain.Workflow.Audience.Followers && n.Template == NotificationTemplates.CaseOverdue);
    }

    [GeneratedRegex(@"(?<![0-9])(1[3-9][0-9]{9}|[0-9]{17}[0-9Xx])(?![0-9])")]
    private static partial Regex LooksLikePhoneOrId();
}
