namespace Deliberation.IntegrationTests;

public sealed class HostTests : IAsyncLifetime
{
    private readonly DeliberationApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Health_WithStorageReachable_IsHealthy()
    {
        var health = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/health");
        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("tables").GetBoolean());
        Assert.True(health.GetProperty("queues").GetBoolean());
    }

    [Fact]
    public async Task Health_WithStorageGone_IsUnhealthy()
    {
        await _app.Storage.Cases.DeleteAsync();
        var response = await _app.CreateClient().GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);

        // Healthy or not, and which part: never the storage error's text (account names, URLs, request ids).
        var body = await response.Content.ReadAsStringAsync();
        var health = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Unhealthy", health.GetProperty("status").GetString());
        Assert.False(health.GetProperty("tables").GetBoolean());
        Assert.False(health.TryGetProperty("error", out _));
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("devstoreaccount1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("TableNotFound", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/CaseEvents")]
    [InlineData("/Notifications")]
    [InlineData("/WeChatInbox")]
    [InlineData("/DeadlineSweep")]
    [InlineData("/DailyDigest")]
    public async Task FormerInternalEndpoint_Anonymous_IsNotFoundAndChangesNothing(string path)
    {
        // Queue and timer work is the engine's and the hosts' own: nothing internal listens on the public port.
        var response = await _app.CreateClient().PostAsync(path, new StringContent("""{"Data":{"message":"{}"},"Metadata":{}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Directory_LoadedIntoTables_ListsTheDemoTown()
    {
        var directory = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/api/directory");
        Assert.Equal("新桥镇", directory.GetProperty("townName").GetString());
        var units = directory.GetProperty("units").EnumerateArray().ToList();
        Assert.True(units.Count(u => u.GetProperty("kind").GetString() == "Department") >= 6);
        Assert.Equal(3, units.Count(u => u.GetProperty("kind").GetString() == "VillageCommittee"));
        Assert.Single(units, u => u.GetProperty("kind").GetString() == "DispatchCentre");
        Assert.All(units.Where(u => u.GetProperty("kind").GetString() == "ServicePoint"), u => Assert.NotEmpty(u.GetProperty("places").EnumerateArray()));
        Assert.NotEmpty(directory.GetProperty("representatives").EnumerateArray());

        // Served from the tables, not the file: a unit added to the table shows up.
        await _app.Table(_app.Storage.Names.Directory).AddEntityAsync(new Azure.Data.Tables.TableEntity("unit", "x-test")
        {
            ["Json"] = """{"id":"x-test","name":"测试科","kind":"Department","calendar":"office","duties":[]}""",
        });
        Assert.Contains("测试科", await _app.CreateClient().GetStringAsync("/api/directory"));
    }
}
