using Microsoft.Extensions.DependencyInjection;

namespace Deliberation.IntegrationTests.Residents;

/// <summary>The public objection endpoint's answers to what it cannot take.</summary>
public sealed class PublicObjectionApiTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new(settings: ResidentsVoice.Settings(("PublicApi:MaxWritesPerClientPerMinute", "8")), services: s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, TestPeer>());

    private ResidentsVoice Voice => new(_app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(null, "太吵了", "phone")]
    [InlineData("12345", "太吵了", "phone")]
    [InlineData("021-64001234", "太吵了", "phone")]
    [InlineData("13912345678", null, "reason")]
    [InlineData("13912345678", "   ", "reason")]
    public async Task InvalidObjection_ValidationProblemNamingTheField(string? phone, string? reason, string field)
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难", "张泾村东宅");

        var response = await Voice.ObjectOnlineAsync(caseId, new { phone, reason });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task ReasonTooLong_ValidationProblem()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难", "张泾村东宅");

        var response = await Voice.ObjectOnlineAsync(caseId, new { phone = "13912345678", reason = new string('吵', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task UnknownCase_NotFound()
    {
        var response = await Voice.ObjectOnlineAsync("209901010001", new { phone = "13912345678", reason = "太吵了" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CaseWithoutADecision_ConflictExplainingWhy()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难", "张泾村东宅");
        await _app.PumpAsync();

        var response = await Voice.ObjectOnlineAsync(caseId, new { phone = "13912345678", reason = "太吵了" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Equal($"诉求{caseId}没有公示中的议事会决议，无法提出异议。", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ManyPostsFromOneClient_TooManyRequestsWithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 9; i++)
        {
            statuses.Add((await FromClientAsync($"1391234{5100 + i}")).StatusCode);
        }

        var refused = await FromClientAsync("13912345199");

        Assert.All(statuses.Take(8), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[8]);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task ManyPostsForOneResident_TooManyRequests()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Voice.ObjectOnlineAsync("209901010001", new { phone = "+86 139 1234 5678", reason = "太吵了" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<HttpResponseMessage> FromClientAsync(string phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/cases/209901010001/objections") { Content = JsonContent.Create(new { phone, reason = "太吵了" }) };
        request.Headers.Add(TestPeer.Header, "198.51.100.7");
        return await _app.CreateClient().SendAsync(request);
    }
}
