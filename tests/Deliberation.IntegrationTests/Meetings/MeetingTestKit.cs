using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests.Meetings;

/// <summary>Cases in deliberation at 张泾村 and meetings of its committee, driven through the real endpoints.</summary>
internal static class MeetingTestKit
{
    public const string Committee = "v-zhangjing";

    /// <summary>Nine representatives; their names must never reach a public page.</summary>
    public static readonly (string Id, string Name)[] Members =
    [
        ("m1", "王建国"), ("m2", "李秀英"), ("m3", "张志强"), ("m4", "刘桂兰"), ("m5", "陈国庆"),
        ("m6", "杨丽华"), ("m7", "赵德明"), ("m8", "黄春梅"), ("m9", "周永福"),
    ];

    /// <summary>Thursday evening, two days after the test clock starts.</summary>
    public static readonly DateTimeOffset MeetingAt = new(2026, 11, 26, 19, 0, 0, TimeSpan.FromHours(8));

    public static HttpClient Clerk(this DeliberationApp app) => app.As("officer", Committee, "clerk1");

    /// <summary>Files a work order at 张泾村, has its unit refer it to the committee, and checks it waits in deliberation.</summary>
    public static async Task<string> ReferredCaseAsync(this DeliberationApp app, string text, string place, string phone)
    {
        var caseId = await app.FileWorkOrderAsync(text, place, phone);
        await app.PumpAsync();
        var state = await app.StateAsync(caseId);
        if (state.Status != CaseStatus.InDeliberation)
        {
            var refer = await app.ActAsync(caseId, "refer", "officer", state.UnitId!, new { note = "涉及村民共同利益，提交议事" });
            Assert.True(refer.IsSuccessStatusCode, await refer.Content.ReadAsStringAsync());
            await app.PumpAsync();
            state = await app.StateAsync(caseId);
        }

        Assert.Equal(CaseStatus.InDeliberation, state.Status);
        Assert.Equal(Committee, state.Committee);
        return caseId;
    }

    public static async Task<CaseState> StateAsync(this DeliberationApp app, string caseId) =>
        (await app.Service<ICaseRuntime>().Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;

    public static async Task<JsonElement> ScheduleAsync(this DeliberationApp app, DateTimeOffset? at = null, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/meetings")
        {
            Content = JsonContent.Create(new
            {
                committee = Committee,
                type = "VillageRepresentatives",
                startsAt = (at ?? MeetingAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
                place = "张泾村村委会二楼会议室",
                chair = new { name = "沈卫东", role = "村党总支书记" },
                members = Members.Select(m => new { id = m.Id, name = m.Name }),
            }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await app.Clerk().SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
    }

    public static async Task<HttpResponseMessage> PostAsync(this DeliberationApp app, string path, object? body = null) =>
        await app.Clerk().PostAsJsonAsync(path, body ?? new { });

    /// <summary>Posts and expects success; returns the body.</summary>
    public static async Task<JsonElement> OkAsync(this DeliberationApp app, string path, object? body = null)
    {
        var response = await app.PostAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
    }

    public static async Task<JsonElement> GetMeetingAsync(this DeliberationApp app, string meetingId) =>
        await app.Clerk().GetFromJsonAsync<JsonElement>($"/api/meetings/{meetingId}", DeliberationApp.Json);

    public static string Id(this JsonElement meeting) => meeting.GetProperty("meetingId").GetString()!;

    public static JsonElement ItemFor(this JsonElement meeting, string caseId) =>
        meeting.GetProperty("items").EnumerateArray().Single(i => i.TryGetProperty("caseId", out var c) && c.GetString() == caseId);

    public static string[] Present(int count) => Members.Take(count).Select(m => m.Id).ToArray();
}
