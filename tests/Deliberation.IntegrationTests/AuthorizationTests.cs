namespace Deliberation.IntegrationTests;

public sealed class AuthorizationTests : IAsyncLifetime
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private readonly DeliberationApp _app = new();
    private string _caseId = "";

    public async Task InitializeAsync()
    {
        _caseId = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了没人清运", "张泾村东宅");
        await _app.PumpAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task OfficerOfAnotherUnit_ReadingOrActingOnTheCase_IsForbiddenAndChangesNothing()
    {
        var other = _app.As("officer", "chengguan");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/cases/{_caseId}")).StatusCode);
        foreach (var action in new[] { "acknowledge", "respond", "decline", "transfer", "escalate" })
        {
            var response = await other.PostAsJsonAsync($"/api/cases/{_caseId}/{action}", new { reply = "x", reason = "x" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/units/{ServicePoint}/cases")).StatusCode);
        Assert.Equal("Dispatched", await _app.StatusOfAsync(_caseId));
        Assert.Equal(2, (await _app.GetCaseAsync(_caseId)).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task OfficerOfTheAssignedUnit_CanReadListAndAct()
    {
        var own = _app.As("officer", ServicePoint);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/api/cases/{_caseId}")).StatusCode);
        Assert.Contains(_caseId, await own.GetStringAsync($"/api/units/{ServicePoint}/cases?state=Dispatched"));
        Assert.Equal(HttpStatusCode.OK, (await own.PostAsJsonAsync($"/api/cases/{_caseId}/acknowledge", new { })).StatusCode);
    }

    [Fact]
    public async Task RolesWithoutTheRight_AreForbidden()
    {
        // A dispatcher routes and escalates but does not answer for a unit; an operator only reads.
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(_caseId, "acknowledge", "dispatcher", "dispatch")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.ActAsync(_caseId, "respond", "operator", "dispatch", new { reply = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _app.Operator().GetAsync($"/api/cases/{_caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _app.As("officer", ServicePoint).PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = "13800138000", text = "x" })).StatusCode);
    }

    [Fact]
    public async Task NoTokenOrABadOne_IsUnauthorized()
    {
        var anonymous = _app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cases/{_caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = "13800138000", text = "x" })).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", "dev:onlyrole");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cases/{_caseId}")).StatusCode);
    }

    [Fact]
    public async Task ActionNotPossibleInTheState_AnswersConflictProblem()
    {
        var response = await _app.ActAsync(_caseId, "respond", "officer", ServicePoint, new { reply = "已处理" });
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("已签收", problem.GetProperty("detail").GetString());
    }
}
