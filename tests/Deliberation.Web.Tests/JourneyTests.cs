using System.Text.RegularExpressions;

namespace Deliberation.Web.Tests;

/// <summary>What residents, officers, clerks and representatives do on the site, in Chromium, against the real app.</summary>
public sealed partial class JourneyTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private const string ServicePoint = "sp-zhangjing-dongzhai";
    private DeliberationApp App => site.App;

    [Fact]
    public async Task Officer_SignsInAcknowledgesAndResponds_ThenThePublicPageShowsTheReplyWithoutPhoneOrName()
    {
        var caseId = await App.FileWorkOrderAsync("东宅路口的垃圾桶满了好几天没人清运，我是王建国", "张泾村东宅", phone: "13911112222");
        await App.PumpAsync();
        var page = await site.NewPageAsync();

        await page.GotoAsync("/staff");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "工作台登录" }));
        await site.InspectAsync(page, "staff-signin");
        await page.GetByLabel("身份").SelectOptionAsync(new SelectOptionValue { Label = "张泾村东宅巷邻坊" });
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).WaitForAsync();
        await site.InspectAsync(page, "staff-unit-inbox");

        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "签收" }).ClickAsync();
        await page.GetByText("签收：已提交。").WaitForAsync();
        await Expect(page.Locator("main p .badge"), "已签收"); // the page drawn again with the case as it now stands
        Assert.Equal("Acknowledged", await App.StatusOfAsync(caseId));

        await page.GetByLabel("答复内容").FillAsync("已安排保洁员清运，王建国您好，如有问题请致电13911112222。");
        await page.GetByRole(AriaRole.Button, new() { Name = "预览公开内容" }).ClickAsync();
        var preview = page.Locator("#reply-preview");
        await Expect(preview, "已安排保洁员清运");
        Assert.DoesNotContain("13911112222", await preview.TextContentAsync());
        Assert.DoesNotContain("王建国", await preview.TextContentAsync());
        await site.InspectAsync(page, "staff-case");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交答复" }).ClickAsync();
        await page.GetByText("答复办结：已提交。").WaitForAsync();

        await App.PumpAsync();
        await App.AdvanceAsync(TimeSpan.FromDays(2));
        await page.GotoAsync(await site.CaseLinkFromTextsAsync(caseId));
        var reply = page.Locator("#reply");
        await Expect(reply, "已安排保洁员清运");
        var shown = await page.Locator("main").TextContentAsync();
        Assert.DoesNotContain("13911112222", shown);
        Assert.DoesNotContain("王建国", shown);
        Assert.Contains("结果公示中", shown);
        await site.InspectAsync(page, "case-replied");
    }

    [Fact]
    public async Task Clerk_RunsAMeetingFromAgendaToClose_TheDecisionShowsPublicly_AndAResidentObjectsWithATextedCode()
    {
        var caseId = "";
        foreach (var phone in new[] { "13900000021", "13900000022", "13900000023" })
        {
            caseId = await App.FileWorkOrderAsync("东宅村道上车辆乱停乱放，经常把路堵死", "张泾村东宅", phone: phone);
            await App.PumpAsync();
        }

        Assert.Equal("InDeliberation", await App.StatusOfAsync(caseId));
        var page = await site.NewPageAsync();
        await SignInAsync(page, "张泾村村民委员会");
        await page.GetByRole(AriaRole.Heading, new() { Name = "待议事的诉求" }).WaitForAsync();
        await site.InspectAsync(page, "staff-committee");

        // A day ahead on the app's clock (the class shares one host, and other journeys move its clock on).
        var startsAt = App.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).AddDays(1);
        await page.GetByLabel("时间（北京时间）").FillAsync(startsAt.ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("地点").FillAsync("张泾村村委会会议室");
        await page.GetByLabel("主持人", new() { Exact = true }).FillAsync("沈卫东");
        await page.GetByLabel("主持人职务").FillAsync("村党总支书记");
        await page.GetByLabel("参会人员（用逗号分隔）").FillAsync("王建国，李秀英，张志强");
        await page.GetByRole(AriaRole.Button, new() { Name = "安排会议" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "从待议事诉求生成议程" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"诉求{caseId}" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "发送议程" }).ClickAsync();
        await page.GetByText("（已于").WaitForAsync();

        await App.AdvanceAsync(TimeSpan.FromHours(25.5)); // the meeting has begun
        await page.ReloadAsync();
        await page.GetByLabel("王建国").CheckAsync();
        await page.GetByLabel("李秀英").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "记录签到" }).ClickAsync();
        await page.GetByText("当前出席2人").WaitForAsync();
        await page.Locator("form[data-vote] input[name=for]").FillAsync("2");
        await page.Locator("form[data-vote] textarea[name=resolution]").FillAsync("在村道东侧施划停车位30个，西侧禁止停车。");
        await Expect(page.Locator("[data-tally]"), "按此表决：通过");
        await site.InspectAsync(page, "staff-meeting");
        await page.GetByRole(AriaRole.Button, new() { Name = "记录表决" }).ClickAsync();
        await page.GetByText("通过（赞成2").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "闭会" }).ClickAsync();
        await page.GetByText("闭会：已完成。").WaitForAsync();
        await App.PumpAsync();

        // The public: the meetings list and page, then the case from the resident's own text.
        await page.GotoAsync("/meetings");
        await page.GetByRole(AriaRole.Link, new() { Name = "张泾村村民委员会" }).First.ClickAsync();
        await Expect(page.Locator("main"), "在村道东侧施划停车位30个");
        Assert.DoesNotContain("王建国", await page.Locator("main").TextContentAsync());
        await site.InspectAsync(page, "meeting");
        await page.GotoAsync("/meetings");
        await site.InspectAsync(page, "meetings");

        await page.GotoAsync(await site.CaseLinkFromTextsAsync(caseId));
        await Expect(page.Locator("#resolution"), "在村道东侧施划停车位30个");
        Assert.True(await page.Locator("#timeline li").CountAsync() >= 3);
        await site.InspectAsync(page, "case-decision");

        await page.GetByLabel("手机号码").FillAsync("13900000031");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Expect(page.Locator("#object-result"), "请填写异议理由"); // a field the API refused, in the resident's words
        await page.GetByLabel("异议理由").FillAsync("西侧禁止停车后，晚上回村的车没有地方停");
        await page.GetByRole(AriaRole.Button, new() { Name = "获取验证码" }).ClickAsync();
        await Expect(page.Locator("#object-result"), "验证码已发送");
        await page.GetByLabel("短信验证码").FillAsync("000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交异议" }).ClickAsync();
        await Expect(page.Locator("#object-result"), "验证码不正确"); // the API's error, as words

        var code = CodeIn((await App.NotificationsAsync(caseId)).Select(n => n.Text).Last(t => t.Contains("验证码", StringComparison.Ordinal)));
        await page.GetByLabel("短信验证码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "确认提交异议" }).ClickAsync();
        await Expect(page.Locator("#object-result"), "已收到您对诉求");
        await Expect(page.Locator("#objections"), "1");
    }

    [Fact]
    public async Task Representative_SupervisesACaseOfTheConstituency_AndThePublicPageSaysSo()
    {
        var caseId = await App.FileWorkOrderAsync("顾家浜的路灯不亮了，晚上走路看不见", "张泾村顾家浜", phone: "13900000041");
        await App.PumpAsync();
        var page = await site.NewPageAsync();
        await SignInAsync(page, "姚建华（人大代表）");
        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).WaitForAsync();
        await Expect(page.Locator("#digest"), "");
        await site.InspectAsync(page, "staff-representative");

        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await page.GetByLabel("督办意见").FillAsync("请尽快修复");
        await page.GetByRole(AriaRole.Button, new() { Name = "督办", Exact = true }).ClickAsync();
        await page.GetByText("督办：已提交。").WaitForAsync();
        await page.GetByText("代表督办").WaitForAsync();

        await page.GotoAsync($"/c/{caseId}");
        await Expect(page.Locator("main"), "已督办");
        await site.InspectAsync(page, "case-supervised");
    }

    [Fact]
    public async Task Dispatcher_SeesTheTriageQueueWithSuggestedCategories()
    {
        var caseId = await App.FileWorkOrderAsync("小区门口垃圾堆放很久没人管", "外镇某某路", phone: "13900000051");
        await App.PumpAsync();
        var page = await site.NewPageAsync();
        await SignInAsync(page, "派单员（新桥镇大联动分中心）");
        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).WaitForAsync();
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = caseId }) });
        Assert.Matches(@"(.+（\d+%）、){2}.+（\d+%）", await row.Locator("td").First.TextContentAsync()); // its top three guesses
        await site.InspectAsync(page, "staff-dispatch");
        await page.GetByRole(AriaRole.Link, new() { Name = caseId }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "改派（纠正类别）" }).WaitForAsync();
        await page.GetByLabel("承办单位").SelectOptionAsync(ServicePoint);
        await page.GetByRole(AriaRole.Button, new() { Name = "改派" }).ClickAsync();
        await page.GetByText("改派（纠正类别）：已提交。").WaitForAsync();
        Assert.Equal(ServicePoint, (await App.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Dispatcher_ConfirmsAPossibleEmergency_AndSplitsOffAReportMergedByMistake()
    {
        var unsure = await App.FileWorkOrderAsync("楼下独居老人好几天没出门了，敲门没人应", place: null, phone: "13900000071");
        var first = await App.FileWorkOrderAsync("东宅路口的下水道堵了，污水漫到路上", "张泾村东宅", phone: "13900000072");
        var joined = await App.FileWorkOrderAsync("东宅路口下水道堵塞，脏水流了一地", "张泾村东宅", phone: "13900000073");
        Assert.Equal(first, joined);
        await App.PumpAsync();
        var page = await site.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync(); // the split asks to be confirmed
        await SignInAsync(page, "派单员（新桥镇大联动分中心）");

        await page.GotoAsync($"/staff/cases/{unsure}");
        await Expect(page.Locator("main"), "疑似紧急");
        await page.GetByLabel("确认紧急").CheckAsync();
        await page.GetByLabel("理由（降级时必填）").FillAsync("邻居确认老人倒地");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交判断" }).ClickAsync();
        await page.GetByText("紧急程度：已提交。").WaitForAsync();
        Assert.Equal("Emergency", (await App.GetCaseAsync(unsure)).GetProperty("urgency").GetString());

        // What a WeChat resident sends besides words: the place, and a picture (served here in place of WeChat's).
        var runtime = App.Service<Deliberation.Storage.Cases.ICaseRuntime>();
        await runtime.HandleAsync(first, new Deliberation.Domain.Workflow.AddAttachment("wechat-loc-1", App.Clock.GetUtcNow(), Deliberation.Domain.Workflow.AttachmentKind.Location, "31.0853,121.1712", "张泾村东宅"), CancellationToken.None);
        await runtime.HandleAsync(first, new Deliberation.Domain.Workflow.AddAttachment("wechat-img-1", App.Clock.GetUtcNow(), Deliberation.Domain.Workflow.AttachmentKind.Image, "media-abc", "https://mmbiz.qpic.cn/test.jpg"), CancellationToken.None);
        await page.RouteAsync("https://mmbiz.qpic.cn/**", route => route.FulfillAsync(new() { ContentType = "image/png", BodyBytes = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==") }));

        await page.GotoAsync($"/staff/cases/{first}");
        await Expect(page.Locator("main"), "脏水流了一地");
        var map = await page.GetByRole(AriaRole.Link, new() { Name = "在地图上查看" }).GetAttributeAsync("href");
        Assert.StartsWith("https://uri.amap.com/marker?position=121.1712,31.0853", map, StringComparison.Ordinal);
        Assert.Equal("https://mmbiz.qpic.cn/test.jpg", await page.Locator("ul.attachments img").GetAttributeAsync("src"));
        Assert.DoesNotContain("13900000073", await page.Locator("main").TextContentAsync()); // the co-reporter's phone is masked
        await site.InspectAsync(page, "staff-case-coreport");
        await page.GetByRole(AriaRole.Button, new() { Name = "拆分为新诉求" }).ClickAsync();
        await page.GetByText("已拆分为新诉求").WaitForAsync();
        var newCase = await page.Locator("#act-result a").TextContentAsync();
        Assert.NotEqual(first, newCase);
        Assert.Contains("下水道堵塞", (await App.GetCaseAsync(newCase!)).GetProperty("text").GetString());
        Assert.Equal(1, (await App.GetCaseAsync(first)).GetProperty("reporterCount").GetInt32());
    }

    [Fact]
    public async Task PublicPages_HomeListAndRates_DrawFromTheTestsData()
    {
        var caseId = await App.FileWorkOrderAsync("荷塘路的路面坑洼很多，下雨积水", "荷塘路", phone: "13900000061");
        await App.PumpAsync();
        var unit = (await App.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("id").GetString()!;
        await App.ActAsync(caseId, "acknowledge", "officer", unit);
        var page = await site.NewPageAsync();

        var rates = await page.GotoAsync("/rates?month=2026-11");
        Assert.Contains("script-src 'self'", (await rates!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal); // every page below works under it
        await page.Locator("#rates-chart canvas").WaitForAsync();
        Assert.NotEqual("0", await page.Locator("#rates-chart").GetAttributeAsync("data-drawn"));
        await Expect(page.Locator("#ranking"), (await App.GetCaseAsync(caseId)).GetProperty("unit").GetProperty("name").GetString()!);
        await Expect(page.Locator("main"), "响应率 = 在签收期限内签收");
        await site.InspectAsync(page, "rates");

        await page.GotoAsync("/");
        await page.GetByLabel("按诉求编号查询").FillAsync(caseId);
        await page.GetByLabel("按诉求编号查询").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"诉求{caseId}" }));
        await site.InspectAsync(page, "case");
        await page.GotoAsync("/");
        await site.InspectAsync(page, "home");

        await page.GotoAsync("/cases?month=2026-11");
        await page.GetByRole(AriaRole.Link, new() { Name = $"诉求{caseId}" }).WaitForAsync();
        await site.InspectAsync(page, "cases");
    }

    private static async Task SignInAsync(IPage page, string who)
    {
        await page.GotoAsync("/staff");
        await page.GetByLabel("身份").SelectOptionAsync(new SelectOptionValue { Label = who });
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await page.GetByText("已登录").WaitForAsync();
    }

    private static Task Expect(ILocator locator, string text = "") =>
        Assertions.Expect(locator).ToContainTextAsync(text, new() { Timeout = 15_000 });

    private static string CodeIn(string text) => SixDigits().Match(text).Groups[1].Value;

    [GeneratedRegex(@"验证码为(\d{6})")]
    private static partial Regex SixDigits();
}
