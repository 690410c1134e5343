using System.Xml.Linq;

namespace Deliberation.IntegrationTests.Public;

/// <summary>Open311 GeoReport v2 as a spec client calls it (JSON and XML), and the villages' Atom feeds.</summary>
public sealed class OpenDataTests : IAsyncLifetime
{
    private const string ApiKey = "partner-key-for-tests";
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private readonly DeliberationApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Open311:ApiKeys"] = $"another-partners-key, {ApiKey}",
        ["Web:PublicBaseUrl"] = "https://xinqiao.example.cn",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Services_InJsonAndXml_ListTheDispatchCatalogue()
    {
        var json = await _app.CreateClient().GetFromJsonAsync<JsonElement>("/open311/v2/services.json");
        var road = json.EnumerateArray().Single(s => s.GetProperty("service_code").GetString() == "road");
        Assert.Equal("道路设施", road.GetProperty("service_name").GetString());
        Assert.Equal("realtime", road.GetProperty("type").GetString());
        Assert.False(road.GetProperty("metadata").GetBoolean());

        var response = await _app.CreateClient().GetAsync("/open311/v2/services.xml");
        Assert.Equal("text/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("services", xml.Root!.Name.LocalName);
        Assert.Equal(json.GetArrayLength(), xml.Root.Elements("service").Count());
        Assert.Contains(xml.Root.Elements("service"), s => (string?)s.Element("service_code") == "road" && (string?)s.Element("service_name") == "道路设施");
    }

    [Fact]
    public async Task PostRequest_WithAKey_FilesACaseThroughIntake_ThenRequestsShowItWithoutPersonalData()
    {
        var post = await _app.CreateClient().PostAsync("/open311/v2/requests.json", Form(("api_key", ApiKey), ("service_code", "environment"),
            ("address_string", "张泾村东宅"), ("description", "东宅路口的垃圾桶满了好几天没人清运"), ("phone", "13912345678"), ("first_name", "王"), ("last_name", "小明"), ("email", "wang@example.cn")));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var caseId = (await post.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("service_request_id").GetString()!;
        await _app.PumpAsync();

        // The same intake as the other channels: routed, and the resident texted the case number with the page link.
        var staff = await _app.GetCaseAsync(caseId);
        Assert.Equal(ServicePoint, staff.GetProperty("unit").GetProperty("id").GetString());
        Assert.Contains((await _app.NotificationsAsync(caseId)).Select(n => n.Text), t => t.Contains($"编号{caseId}", StringComparison.Ordinal) && t.Contains($"https://xinqiao.example.cn/c/{caseId}", StringComparison.Ordinal));

        var one = await _app.CreateClient().GetStringAsync($"/open311/v2/requests/{caseId}.json");
        var request = JsonDocument.Parse(one).RootElement[0];
        Assert.Equal("open", request.GetProperty("status").GetString());
        Assert.Equal("已派单", request.GetProperty("status_notes").GetString());
        Assert.Equal("environment", request.GetProperty("service_code").GetString());
        Assert.Equal("张泾村东宅巷邻坊", request.GetProperty("agency_responsible").GetString());
        foreach (var personal in new[] { "13912345678", "小明", "wang@example.cn", "垃圾桶满了" })
        {
            Assert.DoesNotContain(personal, one, StringComparison.Ordinal);
        }

        var xml = XDocument.Parse(await _app.CreateClient().GetStringAsync($"/open311/v2/requests/{caseId}.xml"));
        Assert.Equal("service_requests", xml.Root!.Name.LocalName);
        Assert.Equal(caseId, (string?)xml.Root.Element("request")!.Element("service_request_id"));
        Assert.Equal("open", (string?)xml.Root.Element("request")!.Element("status"));
    }

    [Fact]
    public async Task Requests_Filters_ByStatusServiceCodeAndDates_AndARepliedCaseIsClosedWithItsRedactedReply()
    {
        var litter = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", phone: "13800000011");
        var streetlight = await _app.FileWorkOrderAsync("春晖路的路灯坏了一个星期，晚上很黑", "春晖路", phone: "13800000012");
        await PublishReplyAsync(litter, "已安排清运，如有问题请致电13800000011。");

        var client = _app.CreateClient();
        Assert.Equal([litter], await IdsAsync(client, "/open311/v2/requests.json?status=closed"));
        Assert.Equal([streetlight], await IdsAsync(client, "/open311/v2/requests.json?status=open"));
        Assert.Equal([streetlight], await IdsAsync(client, "/open311/v2/requests.json?service_code=road"));
        Assert.Equal([streetlight, litter], await IdsAsync(client, "/open311/v2/requests.json?start_date=2026-11-24T00:00:00%2B08:00&end_date=2026-11-30T00:00:00%2B08:00"));
        Assert.Empty(await IdsAsync(client, "/open311/v2/requests.json?start_date=2026-11-25T00:00:00%2B08:00&end_date=2026-11-30T00:00:00%2B08:00"));
        Assert.Equal([litter], await IdsAsync(client, $"/open311/v2/requests.json?service_request_id={litter}&status=open"));

        var closed = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{litter}.json")).RootElement[0];
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.StartsWith("结果公示中：已安排清运", closed.GetProperty("status_notes").GetString());
        Assert.DoesNotContain("13800000011", closed.GetProperty("status_notes").GetString());

        var xml = XDocument.Parse(await client.GetStringAsync("/open311/v2/requests.xml?status=closed"));
        Assert.Equal([litter], xml.Root!.Elements("request").Select(r => (string?)r.Element("service_request_id")));
    }

    [Fact]
    public async Task Errors_AreTheSpecsArrayOfCodeAndDescription_InJsonAndXml()
    {
        var client = _app.CreateClient();
        var noKey = await client.PostAsync("/open311/v2/requests.json", Form(("service_code", "road"), ("address_string", "春晖路"), ("description", "路灯坏了"), ("phone", "13912345678")));
        Assert.Equal(HttpStatusCode.Forbidden, noKey.StatusCode);
        var error = (await noKey.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal(403, error.GetProperty("code").GetInt32());
        Assert.Contains("api_key", error.GetProperty("description").GetString());

        var noPhone = await client.PostAsync("/open311/v2/requests.xml", Form(("api_key", ApiKey), ("service_code", "road"), ("address_string", "春晖路"), ("description", "路灯坏了")));
        Assert.Equal(HttpStatusCode.BadRequest, noPhone.StatusCode);
        var xml = XDocument.Parse(await noPhone.Content.ReadAsStringAsync());
        Assert.Equal("errors", xml.Root!.Name.LocalName);
        Assert.Equal("400", (string?)xml.Root.Element("error")!.Element("code"));
        Assert.Contains("phone", (string?)xml.Root.Element("error")!.Element("description"));

        var tooLong = await client.GetAsync("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal(400, (await tooLong.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());

        var missing = await client.GetAsync("/open311/v2/requests/209901010001.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(404, (await missing.Content.ReadFromJsonAsync<JsonElement>())[0].GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task AtomFeed_OfAVillage_HasItsPublishedOutcomesOnly_WithTheCasePageLink()
    {
        var published = await _app.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运", "张泾村东宅", phone: "13800000021");
        var open = await _app.FileWorkOrderAsync("沈家埭的绿化带里堆满了建筑垃圾", "张泾村沈家埭", phone: "13800000022");
        await PublishReplyAsync(published, "已安排清运。");

        var response = await _app.CreateClient().GetAsync("/feeds/v-zhangjing.atom");
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType!.MediaType);
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal(Atom + "feed", feed.Name);
        var entry = Assert.Single(feed.Elements(Atom + "entry"));
        Assert.Equal($"https://xinqiao.example.cn/c/{published}", entry.Element(Atom + "link")!.Attribute("href")!.Value);
        Assert.Contains("已安排清运", entry.Element(Atom + "content")!.Value);
        Assert.DoesNotContain(open, feed.ToString());

        Assert.Equal(HttpStatusCode.NotFound, (await _app.CreateClient().GetAsync("/feeds/nowhere.atom")).StatusCode);
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

    private static async Task<List<string?>> IdsAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<JsonElement>(url)).EnumerateArray().Select(r => r.GetProperty("service_request_id").GetString()).ToList();

    /// <summary>The service point acknowledges and replies; two days on the reply is published (结果公示).</summary>
    private async Task PublishReplyAsync(string caseId, string reply)
    {
        await _app.PumpAsync();
        await _app.ActAsync(caseId, "acknowledge", "officer", ServicePoint);
        await _app.ActAsync(caseId, "respond", "officer", ServicePoint, new { reply });
        await _app.PumpAsync();
        await _app.AdvanceAsync(TimeSpan.FromDays(2));
    }
}
