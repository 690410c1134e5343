namespace Deliberation.IntegrationTests.Cloud;

/// <summary>The Azure AI Language adapter against a fake Language service: the exact requests, the category it supplies, and every fallback.</summary>
public sealed class CloudLanguageTests
{
    // No catalogue keyword in it: the keyword rules do not decide, so the category comes from a classifier.
    private const string DarkLane = "晚上那边黑漆漆的走路不安全";
    private const string Place = "东宅";
    private const string ServicePoint = "sp-zhangjing-dongzhai";

    [Theory]
    [InlineData("road", "guihua")]
    [InlineData("public-security", "paichusuo")] // not what the local engine would say: the cloud's answer decides
    public async Task HotlineWorkOrder_WithoutCategory_IsRoutedByTheCloudCategory(string cloudCategory, string unit)
    {
        await using var language = await FakeLanguageService.StartAsync();
        language.Category = cloudCategory;
        await using var app = new DeliberationApp(settings: language.Settings());

        var caseId = await app.FileWorkOrderAsync(DarkLane, Place);
        await app.PumpAsync();

        var found = await app.GetCaseAsync(caseId);
        Assert.Equal(cloudCategory, found.GetProperty("category").GetProperty("id").GetString());
        Assert.Equal(unit, found.GetProperty("unit").GetProperty("id").GetString());
        Assert.Equal("Dispatched", found.GetProperty("status").GetString());
        Assert.Contains(Notes(found), n => n.Contains("category given at intake", StringComparison.Ordinal));

        var requests = language.Requests.ToList();
        var submit = requests[0];
        Assert.Equal("POST", submit.Method);
        Assert.Equal("/language/analyze-text/jobs", submit.Path);
        Assert.Equal("?api-version=2023-04-01", submit.Query);
        Assert.Equal(FakeLanguageService.Key, submit.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.StartsWith("application/json", submit.Headers["Content-Type"]);
        var body = submit.Json;
        Assert.Equal(["displayName", "analysisInput", "tasks"], body.EnumerateObject().Select(p => p.Name));
        var document = Assert.Single(body.GetProperty("analysisInput").GetProperty("documents").EnumerateArray());
        Assert.Equal("1", document.GetProperty("id").GetString());
        Assert.Equal("zh-hans", document.GetProperty("language").GetString());
        Assert.Equal(DarkLane, document.GetProperty("text").GetString());
        var task = Assert.Single(body.GetProperty("tasks").EnumerateArray());
        Assert.Equal("CustomSingleLabelClassification", task.GetProperty("kind").GetString());
        Assert.Equal("classify", task.GetProperty("taskName").GetString());
        Assert.Equal("town-categories", task.GetProperty("parameters").GetProperty("projectName").GetString());
        Assert.Equal("production", task.GetProperty("parameters").GetProperty("deploymentName").GetString());

        // Polled at the operation-location until the job succeeded: once running, once succeeded.
        var polls = requests.Skip(1).ToList();
        Assert.Equal(2, polls.Count);
        Assert.All(polls, p =>
        {
            Assert.Equal("GET", p.Method);
            Assert.StartsWith("/language/analyze-text/jobs/", p.Path);
            Assert.Equal("?api-version=2023-04-01", p.Query);
            Assert.Equal(FakeLanguageService.Key, p.Headers["Ocp-Apim-Subscription-Key"]);
        });
    }

    [Fact]
    public async Task HotlineWorkOrder_WithPersonalData_IsSentToTheCloudRedacted()
    {
        await using var language = await FakeLanguageService.StartAsync();
        await using var app = new DeliberationApp(settings: language.Settings());

        await app.FileWorkOrderAsync(DarkLane + "，我电话13912345678", Place);

        var submit = language.Requests.First();
        var text = submit.Json.GetProperty("analysisInput").GetProperty("documents")[0].GetProperty("text").GetString();
        Assert.Equal(DarkLane + "，我电话[电话]", text);
    }

    [Theory]
    [InlineData(LanguageBehaviour.ServerError)]
    [InlineData(LanguageBehaviour.Hang)]
    public async Task HotlineWorkOrder_CloudDownOrSlow_IsCreatedAndRoutedLocally(LanguageBehaviour behaviour)
    {
        var local = await LocalRoutingAsync();
        await using var language = await FakeLanguageService.StartAsync();
        language.Behaviour = behaviour;
        await using var app = new DeliberationApp(settings: language.Settings(timeout: "00:00:01"));

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var caseId = await app.FileWorkOrderAsync(DarkLane, Place);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"intake waited {watch.Elapsed}");
        await app.PumpAsync();

        Assert.NotEmpty(language.Requests);
        var found = await app.GetCaseAsync(caseId);
        Assert.Equal(local, Routing(found));
        Assert.DoesNotContain(Notes(found), n => n.Contains("category given at intake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HotlineWorkOrder_CloudUnsure_IsRoutedLocally()
    {
        var local = await LocalRoutingAsync();
        await using var language = await FakeLanguageService.StartAsync();
        language.Confidence = 0.2;
        await using var app = new DeliberationApp(settings: language.Settings());

        var caseId = await app.FileWorkOrderAsync(DarkLane, Place);
        await app.PumpAsync();

        Assert.NotEmpty(language.Requests);
        var found = await app.GetCaseAsync(caseId);
        Assert.Equal(local, Routing(found));
        Assert.DoesNotContain(Notes(found), n => n.Contains("category given at intake", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HotlineWorkOrder_CategoryGivenByTheOperator_IsNotSentToTheCloud()
    {
        await using var language = await FakeLanguageService.StartAsync();
        await using var app = new DeliberationApp(settings: language.Settings());

        var caseId = await app.FileWorkOrderAsync(DarkLane, "张泾村东宅", category: "environment");
        await app.PumpAsync();

        Assert.Equal("environment", (await app.GetCaseAsync(caseId)).GetProperty("category").GetProperty("id").GetString());
        Assert.Empty(language.Requests);
    }

    [Fact]
    public async Task App_WithoutTextAnalyticsSettings_NeverCallsTheCloud()
    {
        await using var language = await FakeLanguageService.StartAsync();
        await using var app = new DeliberationApp();

        var caseId = await PublishedCaseAsync(app, "已处理，如有问题请致电 13912345678 联系。");
        var published = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{caseId}", DeliberationApp.Json);
        var darkLane = await app.FileWorkOrderAsync(DarkLane, Place);
        await app.PumpAsync();

        Assert.Empty(language.Requests);
        Assert.Equal("已处理，如有问题请致电 [电话] 联系。", published.GetProperty("reply").GetString());
        Assert.Contains(Notes(await app.GetCaseAsync(darkLane)), n => n.Contains("(classifier", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublicCaseView_CloudConfigured_IsRedactedLocallyThenByTheCloud()
    {
        await using var language = await FakeLanguageService.StartAsync();
        language.PiiToMask.Add("老周");
        await using var app = new DeliberationApp(settings: language.Settings(classification: false));

        var caseId = await PublishedCaseAsync(app, "已请保洁员老周清运，如有问题请致电 13912345678 联系。");
        var published = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{caseId}", DeliberationApp.Json);

        Assert.Equal("已请保洁员**清运，如有问题请致电 [电话] 联系。", published.GetProperty("reply").GetString());
        var pii = Assert.Single(language.Requests);
        Assert.Equal("POST", pii.Method);
        Assert.Equal("/language/:analyze-text", pii.Path);
        Assert.Equal("?api-version=2023-04-01", pii.Query);
        Assert.Equal(FakeLanguageService.Key, pii.Headers["Ocp-Apim-Subscription-Key"]);
        Assert.Equal("PiiEntityRecognition", pii.Json.GetProperty("kind").GetString());
        Assert.Equal("latest", pii.Json.GetProperty("parameters").GetProperty("modelVersion").GetString());
        var document = Assert.Single(pii.Json.GetProperty("analysisInput").GetProperty("documents").EnumerateArray());
        Assert.Equal("1", document.GetProperty("id").GetString());
        Assert.Equal("zh-hans", document.GetProperty("language").GetString());

        // The local redactor ran first: the cloud never saw the phone number.
        Assert.Equal("已请保洁员老周清运，如有问题请致电 [电话] 联系。", document.GetProperty("text").GetString());
    }

    [Fact]
    public async Task PublicCaseView_CloudPiiFails_ShowsTheLocallyRedactedReply()
    {
        await using var language = await FakeLanguageService.StartAsync();
        await using var app = new DeliberationApp(settings: language.Settings(classification: false));
        var caseId = await PublishedCaseAsync(app, "已处理，如有问题请致电 13912345678 联系。");

        language.Behaviour = LanguageBehaviour.ServerError;
        var published = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/public/cases/{caseId}", DeliberationApp.Json);

        Assert.Equal("已处理，如有问题请致电 [电话] 联系。", published.GetProperty("reply").GetString());
        Assert.Single(language.Requests);
    }

    private static async Task<string> PublishedCaseAsync(DeliberationApp app, string reply)
    {
        var caseId = await app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", category: "environment");
        await app.PumpAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync(caseId, "acknowledge", "officer", ServicePoint)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply })).StatusCode);
        await app.PumpAsync();
        await app.AdvanceAsync(TimeSpan.FromDays(2));
        Assert.Equal("PublicReview", await app.StatusOfAsync(caseId));
        return caseId;
    }

    /// <summary>How the local engine alone routes the dark-lane report.</summary>
    private static async Task<(string? Category, string? Unit, string? Status)> LocalRoutingAsync()
    {
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync(DarkLane, Place);
        await app.PumpAsync();
        return Routing(await app.GetCaseAsync(caseId));
    }

    private static List<string> Notes(JsonElement found) =>
        found.GetProperty("timeline").EnumerateArray()
            .Select(t => t.TryGetProperty("note", out var note) ? note.GetString() ?? "" : "")
            .ToList();

    private static (string? Category, string? Unit, string? Status) Routing(JsonElement found) => (
        found.TryGetProperty("category", out var category) && category.ValueKind == JsonValueKind.Object ? category.GetProperty("id").GetString() : null,
        found.GetProperty("unit").GetProperty("id").GetString(),
        found.GetProperty("status").GetString());
}
