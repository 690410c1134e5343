using System.Net.Http.Headers;

namespace Deliberation.IntegrationTests.Representatives;

/// <summary>Representatives of the demo town and the ways the tests read their casebook.</summary>
internal static class RepresentativeClients
{
    /// <summary>姚建华, 人大代表 for 张泾村 only.</summary>
    public const string Yao = "rep-yao-jianhua";

    /// <summary>金国平, 人大代表 for 荷塘村 only.</summary>
    public const string Jin = "rep-jin-guoping";

    /// <summary>Every representative whose constituency holds 张泾村.</summary>
    public static readonly string[] OfZhangjing = ["rep:rep-fan-xiaohong", "rep:rep-xu-meiling", "rep:rep-yao-jianhua"];

    public const string ParkingAtDongzhai = "东宅路口车辆乱停乱放，经常堵路";
    public const string Dongzhai = "张泾村东宅";
    public const string RubbishAtNanzhai = "南宅路口的垃圾桶满了好几天没人清运";
    public const string Nanzhai = "荷塘村南宅";

    /// <summary>A representative signed in as the README says: <c>dev:representative:&lt;repId&gt;</c>, no user id.</summary>
    public static HttpClient Representative(this DeliberationApp app, string representativeId)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"dev:representative:{representativeId}");
        return client;
    }

    /// <summary>Every item of a paged list, following the continuation tokens.</summary>
    public static async Task<IReadOnlyList<JsonElement>> AllPagesAsync(this HttpClient client, string url)
    {
        var items = new List<JsonElement>();
        string? token = null;
        var pages = 0;
        do
        {
            var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            var page = await client.GetFromJsonAsync<JsonElement>(token is null ? url : $"{url}{separator}continuationToken={Uri.EscapeDataString(token)}", DeliberationApp.Json);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            Assert.True(++pages < 100, "The continuation tokens never end.");
        }
        while (token is not null);

        return items;
    }

    public static async Task<IReadOnlyList<JsonElement>> CasebookAsync(this DeliberationApp app, string representativeId, string query = "") =>
        await app.Representative(representativeId).AllPagesAsync($"/api/representatives/{representativeId}/cases{query}");

    public static JsonElement? Find(this IReadOnlyList<JsonElement> items, string caseId) =>
        items.Where(i => i.GetProperty("caseId").GetString() == caseId).Select(i => (JsonElement?)i).FirstOrDefault();
}
