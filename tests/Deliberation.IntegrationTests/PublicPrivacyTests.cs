namespace Deliberation.IntegrationTests;

public sealed class PublicPrivacyTests
{
    [Fact]
    public async Task PhoneAndIdInTheResidentsTextAndTheReply_NeverReachAPublicResponse()
    {
        await using var app = new DeliberationApp();
        var caseId = await app.FileWorkOrderAsync("我叫王小明，电话13812345678，身份证11010519491231002X，东宅路口的垃圾桶满了", "张泾村东宅", phone: "13812345678");
        await app.PumpAsync();
        await app.ActAsync(caseId, "acknowledge", "officer", "sp-zhangjing-dongzhai");
        await app.ActAsync(caseId, "respond", "officer", "sp-zhangjing-dongzhai", new { reply = "王小明您好，已清运。有问题请拨打138 1234 5678或021-57601234。" });
        await app.PumpAsync();
        await app.AdvanceAsync(TimeSpan.FromDays(2));

        var detail = await app.CreateClient().GetAsync($"/api/public/cases/{caseId}");
        var list = await app.CreateClient().GetAsync("/api/public/cases");

        Assert.Equal(HttpStatusCode.OK, detail.StatusCode);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var body = await detail.Content.ReadAsStringAsync();
        Assert.Contains("已清运", body);
        Assert.DoesNotContain("王小明", body);
    }

    [Fact]
    public void Scanner_RecognisesWhatItMustCatch()
    {
        Assert.NotNull(PublicResponseScanner.Find("请拨打 +86 138-1234-5678"));
        Assert.NotNull(PublicResponseScanner.Find("身份证11010519491231002X"));
        Assert.NotNull(PublicResponseScanner.Find("电话021-57601234"));
        Assert.Null(PublicResponseScanner.Find("case 202611240001, 11010519491231002Y is not a valid ID"));
    }
}
