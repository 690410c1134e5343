namespace Deliberation.IntegrationTests;

public sealed class HttpValidationTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task MalformedJson_AnswersBadRequestProblem()
    {
        var response = await _app.Operator().PostAsync("/api/hotline/workorders", new StringContent("{bad", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("""{"callerPhone":"13800138000"}""", "text")]
    [InlineData("""{"text":"路灯坏了"}""", "callerPhone")]
    [InlineData("""{"callerPhone":"call me","text":"路灯坏了"}""", "callerPhone")]
    [InlineData("""{"callerPhone":"13800138000","text":"路灯坏了","category":"nonsense"}""", "category")]
    [InlineData("""{"callerPhone":"13800138000","text":"路灯坏了","requestType":"闲聊"}""", "requestType")]
    public async Task InvalidWorkOrder_AnswersValidationProblemNamingTheField(string body, string field)
    {
        var response = await _app.Operator().PostAsync("/api/hotline/workorders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WorkOrderWithChineseRequestType_IsAccepted()
    {
        var response = await _app.Operator().PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = "+86 139-1234-5678", text = "建议在桂花苑增设路灯", place = "桂花苑", requestType = "建议" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("/api/cases/", response.Headers.Location?.ToString());
    }

    [Fact]
    public async Task OversizedBody_IsRefused()
    {
        var huge = new string('路', 200_000);
        var response = await _app.Operator().PostAsJsonAsync("/api/hotline/workorders", new { callerPhone = "13800138000", text = huge });
        Assert.True(response.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, response.StatusCode.ToString());
    }

    [Fact]
    public async Task UnknownCase_AnswersNotFoundProblem()
    {
        var response = await _app.Admin().GetAsync("/api/cases/209901010001");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync("/api/public/cases/209901010001")).StatusCode);
    }

    [Theory]
    [InlineData("13800138000", "+8613800138000")]
    [InlineData("+86 138-0013-8000", "+8613800138000")]
    [InlineData("021-57601234", "02157601234")]
    public void CallerNumber_Normalised_MobilesBecomeE164(string raw, string expected)
    {
        Assert.Equal(expected, Deliberation.Api.Apis.PhoneNumbers.Normalise(raw));
    }
}
