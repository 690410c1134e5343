using Deliberation.Api.Apis;
using Deliberation.IntegrationTests.Meetings;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Meetings;

namespace Deliberation.IntegrationTests;

/// <summary>One case and one meeting, shared by the bad inputs sent to them (none of which may change either).</summary>
public sealed class InputBoundsFixture : IAsyncLifetime
{
    public DeliberationApp App { get; } = new();

    public string CaseId { get; private set; } = "";

    public string MeetingId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        CaseId = await App.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅");
        await App.PumpAsync();
        MeetingId = (await App.ScheduleAsync()).Id();
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// Every free text, id and key the API takes has a bound (<see cref="InputBounds"/>): each input past one, sent to each
/// endpoint that takes it, is answered with 400 ValidationProblem naming the field (or 404 for an id that can name
/// nothing), never a 500, and changes nothing.
/// </summary>
public sealed class InputBoundsTests(InputBoundsFixture fixture) : IClassFixture<InputBoundsFixture>
{
    private static readonly string Note = new('字', InputBounds.MaxNote + 1);
    private static readonly string LongId = new('a', InputBounds.MaxId + 1);

    /// <summary>A request outside the bounds: <c>{case}</c> and <c>{meeting}</c> in the path stand for the fixture's.</summary>
    private sealed record BadInput(string Method, string Path, object? Body, HttpStatusCode Status, string? Field, string? IdempotencyKey = null);

    private static readonly Dictionary<string, BadInput> Inputs = new()
    {
        ["refer note"] = new("POST", "/api/cases/{case}/refer", new { note = Note }, HttpStatusCode.BadRequest, "note"),
        ["progress note"] = new("POST", "/api/cases/{case}/progress", new { note = Note }, HttpStatusCode.BadRequest, "note"),
        ["reply"] = new("POST", "/api/cases/{case}/respond", new { reply = Note }, HttpStatusCode.BadRequest, "reply"),
        ["decline reason"] = new("POST", "/api/cases/{case}/decline", new { reason = Note }, HttpStatusCode.BadRequest, "reason"),
        ["transfer reason"] = new("POST", "/api/cases/{case}/transfer", new { reason = Note }, HttpStatusCode.BadRequest, "reason"),
        ["suggested unit too long"] = new("POST", "/api/cases/{case}/transfer", new { reason = "不归我们管", suggestedUnit = LongId }, HttpStatusCode.BadRequest, "suggestedUnit"),
        ["suggested unit unkeyable"] = new("POST", "/api/cases/{case}/transfer", new { reason = "不归我们管", suggestedUnit = "chengguan/x" }, HttpStatusCode.BadRequest, "suggestedUnit"),
        ["escalate reason"] = new("POST", "/api/cases/{case}/escalate", new { reason = Note }, HttpStatusCode.BadRequest, "reason"),
        ["reopen reason"] = new("POST", "/api/cases/{case}/reopen", new { reason = Note }, HttpStatusCode.BadRequest, "reason"),
        ["reassign unit"] = new("POST", "/api/cases/{case}/reassign", new { unitId = "chengguan#1" }, HttpStatusCode.BadRequest, "unitId"),
        ["reassign category"] = new("POST", "/api/cases/{case}/reassign", new { unitId = "chengguan", category = LongId }, HttpStatusCode.BadRequest, "category"),
        ["split key"] = new("POST", "/api/cases/{case}/split", new { reporterKey = "a\\b" }, HttpStatusCode.BadRequest, "reporterKey"),
        ["urgency reason"] = new("POST", "/api/cases/{case}/urgency", new { action = "confirm", reason = Note }, HttpStatusCode.BadRequest, "reason"),
        ["supervise note"] = new("POST", "/api/cases/{case}/supervise", new { note = Note }, HttpStatusCode.BadRequest, "note"),
        ["report-in note"] = new("POST", "/api/cases/{case}/report-in", new { note = Note }, HttpStatusCode.BadRequest, "note"),
        ["whistle reason"] = new("POST", "/api/cases/{case}/whistle", new { lead = "chengguan", summoned = new[] { "shirongsuo" }, reason = Note }, HttpStatusCode.BadRequest, "reason"),
        ["whistle summons past the batch"] = new("POST", "/api/cases/{case}/whistle", new { lead = "chengguan", summoned = Enumerable.Range(0, 150).Select(i => $"d{i}"), reason = "多部门协同" }, HttpStatusCode.BadRequest, "summoned"),
        ["whistle summons unkeyable"] = new("POST", "/api/cases/{case}/whistle", new { lead = "chengguan", summoned = new[] { "shirongsuo", "a?b" }, reason = "多部门协同" }, HttpStatusCode.BadRequest, "summoned"),
        ["whistle lead"] = new("POST", "/api/cases/{case}/whistle", new { lead = LongId, summoned = new[] { "shirongsuo" }, reason = "多部门协同" }, HttpStatusCode.BadRequest, "lead"),
        ["idempotency key too long"] = new("POST", "/api/cases/{case}/acknowledge", new { }, HttpStatusCode.BadRequest, "Idempotency-Key", new string('k', InputBounds.MaxIdempotencyKey + 1)),
        ["idempotency key with spaces"] = new("POST", "/api/cases/{case}/acknowledge", new { }, HttpStatusCode.BadRequest, "Idempotency-Key", "two words"),
        ["work order place"] = new("POST", "/api/hotline/workorders", new { callerPhone = "13800138000", text = "路灯坏了", place = new string('路', InputBounds.MaxPlace + 1) }, HttpStatusCode.BadRequest, "place"),
        ["work order call id"] = new("POST", "/api/hotline/workorders", new { callerPhone = "13800138000", text = "路灯坏了", callId = new string('c', InputBounds.MaxIdempotencyKey + 1) }, HttpStatusCode.BadRequest, "callId"),
        ["work order category"] = new("POST", "/api/hotline/workorders", new { callerPhone = "13800138000", text = "路灯坏了", category = "a#b" }, HttpStatusCode.BadRequest, "category"),
        ["case id with #"] = new("GET", "/api/cases/a%23b", null, HttpStatusCode.BadRequest, "caseId"),
        ["case id with ?"] = new("POST", "/api/cases/a%3Fb/acknowledge", new { }, HttpStatusCode.BadRequest, "caseId"),
        ["case id with backslash"] = new("POST", "/api/cases/a%5Cb/follow", new { }, HttpStatusCode.BadRequest, "caseId"),
        ["case id with a control character"] = new("DELETE", "/api/cases/a%01b/follow", null, HttpStatusCode.BadRequest, "caseId"),
        ["case id with a C1 control character"] = new("POST", "/api/cases/a%C2%85b/progress", new { note = "x" }, HttpStatusCode.BadRequest, "caseId"),
        ["case id over 1 KB"] = new("GET", "/api/cases/" + new string('9', 1100), null, HttpStatusCode.BadRequest, "caseId"),
        ["case id with an escaped slash"] = new("GET", "/api/cases/a%2Fb", null, HttpStatusCode.NotFound, null),
        ["public case id"] = new("GET", "/api/public/cases/a%23b", null, HttpStatusCode.BadRequest, "caseId"),
        ["public objection case id"] = new("POST", "/api/public/cases/" + LongId + "/objections", new { phone = "13800138000", reason = "不同意" }, HttpStatusCode.BadRequest, "caseId"),
        ["unit id"] = new("GET", "/api/units/a%23b/cases", null, HttpStatusCode.BadRequest, "unitId"),
        ["representative id"] = new("GET", "/api/representatives/a%5Cb/cases", null, HttpStatusCode.BadRequest, "representativeId"),
        ["continuation token"] = new("GET", "/api/public/cases?continuationToken=" + new string('t', InputBounds.MaxContinuationToken + 1), null, HttpStatusCode.BadRequest, "continuationToken"),
        ["meeting id"] = new("GET", "/api/meetings/a%3Fb", null, HttpStatusCode.BadRequest, "meetingId"),
        ["meeting item id"] = new("POST", "/api/meetings/{meeting}/items/a%23b/vote", new { @for = 1, against = 0, abstain = 0, resolution = "同意" }, HttpStatusCode.BadRequest, "itemId"),
        ["meeting idempotency key"] = new("POST", "/api/meetings/{meeting}/minutes", new { minutes = "会议纪要" }, HttpStatusCode.BadRequest, "Idempotency-Key", new string('k', 5000)),
        ["public meeting id"] = new("GET", "/api/public/meetings/" + LongId, null, HttpStatusCode.BadRequest, "meetingId"),
        ["public meetings without a committee"] = new("GET", "/api/public/meetings", null, HttpStatusCode.BadRequest, "committee"),
        ["development outbox case id"] = new("GET", "/api/dev/outbox/a%23b", null, HttpStatusCode.BadRequest, "caseId"),
    };

    public static TheoryData<string> Names => [.. Inputs.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task BadInput_AnswersProblem_AndChangesNothing(string name)
    {
        var input = Inputs[name];
        var app = fixture.App;
        var caseBefore = await CaseAsync();
        var meetingBefore = await MeetingVersionAsync();

        using var request = new HttpRequestMessage(new HttpMethod(input.Method), input.Path.Replace("{case}", fixture.CaseId).Replace("{meeting}", fixture.MeetingId));
        if (input.Body is not null)
        {
            request.Content = JsonContent.Create(input.Body);
        }

        if (input.IdempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", input.IdempotencyKey);
        }

        var client = app.Admin();
        var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(input.Status == response.StatusCode, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (input.Field is { } field)
        {
            Assert.True(JsonDocument.Parse(body).RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        }

        await app.PumpAsync();
        Assert.Equal(caseBefore, await CaseAsync());
        Assert.Equal(meetingBefore, await MeetingVersionAsync());
    }

    /// <summary>The case as stored: its version, status and unit, and how many timeline rows it has.</summary>
    private async Task<(int Version, string Status, string? Unit, int Timeline)> CaseAsync()
    {
        var store = fixture.App.Service<ICaseRuntime>().Store;
        var state = (await store.GetStateAsync(fixture.CaseId, CancellationToken.None))!.Value.State;
        return (state.Version, state.Status.ToString(), state.UnitId, (await store.TimelineAsync(fixture.CaseId, CancellationToken.None)).Count);
    }

    private async Task<int> MeetingVersionAsync() =>
        (await fixture.App.Service<MeetingStore>().GetAsync(fixture.MeetingId, CancellationToken.None))!.Value.Record.Meeting.Version;
}
