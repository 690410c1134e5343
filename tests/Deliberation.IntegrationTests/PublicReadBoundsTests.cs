using Deliberation.Api.Classification.AzureLanguage;
using Deliberation.IntegrationTests.Cloud;
using Deliberation.IntegrationTests.Meetings;

namespace Deliberation.IntegrationTests;

/// <summary>
/// Anonymous reads cost a bounded amount: a public case view is built once per version of the case (the cloud PII
/// service is asked once per text), and the public lists are keyed queries served a page at a time.
/// </summary>
public sealed class PublicReadBoundsTests
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";

    [Fact]
    public async Task PublicCaseView_ReadAgain_DoesNotAskTheCloudAgain_ButAChangedCaseShowsAtOnce()
    {
        await using var language = await FakeLanguageService.StartAsync();
        language.PiiToMask.Add("老周");
        await using var app = new DeliberationApp(settings: language.Settings(classification: false));
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", category: "environment");
        await app.PumpAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync(caseId, "acknowledge", "officer", ServicePoint)).StatusCode);
        await app.PumpAsync();

        var acknowledged = await PublicCaseAsync(app, caseId);
        Assert.Equal("Acknowledged", acknowledged.GetProperty("status").GetString());
        Assert.Equal(acknowledged.ToString(), (await PublicCaseAsync(app, caseId)).ToString());

        // The case changes (a reply, published after its review period): the next read shows it, asking the cloud once.
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply = "已请保洁员老周清运。" })).StatusCode);
        await app.PumpAsync();
        await app.AdvanceAsync(TimeSpan.FromDays(2));
        var published = await PublicCaseAsync(app, caseId);
        Assert.Equal("PublicReview", published.GetProperty("status").GetString());
        Assert.Equal("已请保洁员**清运。", published.GetProperty("reply").GetString());
        Assert.True(published.GetProperty("milestones").GetArrayLength() > acknowledged.GetProperty("milestones").GetArrayLength());
        Assert.Single(language.Requests);

        // Read again and again: the same view, and the cloud is not asked again.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(published.ToString(), (await PublicCaseAsync(app, caseId)).ToString());
        }

        Assert.Single(language.Requests);
    }

    [Fact]
    public async Task CloudPii_SameTextTwice_IsSentOnce_AndAFailureIsNotKept()
    {
        await using var language = await FakeLanguageService.StartAsync();
        language.PiiToMask.Add("老周");
        await using var app = new DeliberationApp(settings: language.Settings(classification: false));
        var pii = app.Service<IPiiRedactor>();

        language.Behaviour = LanguageBehaviour.ServerError;
        Assert.Equal("老周来过", await pii.RedactAsync("老周来过", CancellationToken.None));
        language.Behaviour = LanguageBehaviour.Answer;
        Assert.Equal("**来过", await pii.RedactAsync("老周来过", CancellationToken.None));
        Assert.Equal("**来过", await pii.RedactAsync("老周来过", CancellationToken.None));
        Assert.Equal(2, language.Requests.Count);

        Assert.Equal("**又来过", await pii.RedactAsync("老周又来过", CancellationToken.None));
        Assert.Equal(3, language.Requests.Count);
    }

    [Fact]
    public async Task PublicMeetings_AreListedPerCommitteeAPageAtATime()
    {
        await using var app = new DeliberationApp();
        var days = new[] { 0, 1, 3 };
        var ids = new List<string>();
        foreach (var day in days)
        {
            ids.Add((await app.ScheduleAsync(MeetingTestKit.MeetingAt.AddDays(day))).Id());
        }

        var scheduledOnly = (await app.ScheduleAsync(MeetingTestKit.MeetingAt.AddDays(10))).Id();
        app.Clock.Advance(MeetingTestKit.MeetingAt.AddDays(4) - app.Clock.GetUtcNow());
        foreach (var id in ids)
        {
            await app.OkAsync($"/api/meetings/{id}/attendance", new { present = MeetingTestKit.Present(7) });
        }

        var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/public/meetings")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/public/meetings?committee=chengguan")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync($"/api/public/meetings?committee={MeetingTestKit.Committee}&from=yesterday")).StatusCode);

        // Two a page: every held meeting once, in date order, the scheduled one never.
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await anonymous.GetFromJsonAsync<JsonElement>(
                $"/api/public/meetings?committee={MeetingTestKit.Committee}&pageSize=2" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), DeliberationApp.Json);
            var items = page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("meetingId").GetString()!).ToList();
            Assert.True(items.Count <= 2, string.Join(",", items));
            seen.AddRange(items);
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 5);

        Assert.Equal(ids, seen);
        Assert.DoesNotContain(scheduledOnly, seen);

        // A page is never larger than the bound, whatever is asked; from a date on, the earlier ones are left out.
        var one = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/meetings?committee={MeetingTestKit.Committee}&pageSize=0", DeliberationApp.Json);
        Assert.Single(one.GetProperty("items").EnumerateArray());
        var from = MeetingTestKit.MeetingAt.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var later = await anonymous.GetFromJsonAsync<JsonElement>($"/api/public/meetings?committee={MeetingTestKit.Committee}&from={from}&pageSize=100000", DeliberationApp.Json);
        Assert.Equal(ids.Skip(1), later.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("meetingId").GetString()!));
    }

    [Fact]
    public async Task PublicCases_AreServedAPageAtATime()
    {
        await using var app = new DeliberationApp();
        var filed = new List<string>();
        foreach (var place in new[] { "张泾村东宅", "桂花苑", "景澜小区" })
        {
            filed.Add(await app.FileWorkOrderAsync($"{place}的路灯坏了一个星期", place));
        }

        await app.PumpAsync();
        var anonymous = app.CreateClient();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await anonymous.GetFromJsonAsync<JsonElement>("/api/public/cases?pageSize=1" + (token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token)), DeliberationApp.Json);
            var items = page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("caseId").GetString()!).ToList();
            Assert.True(items.Count <= 1);
            seen.AddRange(items);
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(filed.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    private static async Task<JsonElement> PublicCaseAsync(DeliberationApp app, string caseId) =>
        await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{caseId}", DeliberationApp.Json);
}
