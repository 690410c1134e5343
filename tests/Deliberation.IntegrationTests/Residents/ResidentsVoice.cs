using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Deliberation.Channels.Sms;
using Deliberation.Domain.Privacy;
using Deliberation.Domain.Workflow;
using Deliberation.IntegrationTests.WeChat;
using Deliberation.Storage.Cases;

namespace Deliberation.IntegrationTests.Residents;

/// <summary>
/// Residents' voices on a case before a committee, as the channels carry them: signed Twilio texts, WeChat pushes
/// (as WeChat's servers make them) and the public objection API with its texted code; and the staff steps that bring a case there.
/// </summary>
internal sealed class ResidentsVoice(DeliberationApp app)
{
    public const string TwilioToken = "twilio-test-token";
    public const string Committee = "v-zhangjing";
    private const string TwilioUrl = "http://localhost/api/sms/twilio";
    private static int _sid;

    /// <summary>Per app (the voice is made anew for each use): the challenges of code requests, by case and phone.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DeliberationApp, System.Collections.Concurrent.ConcurrentDictionary<string, string>> Challenges = new();

    public static Dictionary<string, string?> Settings(params (string Key, string? Value)[] extra) =>
        WeChatFollower.Settings([("Channels:Sms:Twilio:AuthToken", TwilioToken), .. extra]);

    /// <summary>A parking matter in 东宅 by hotline (routed to the village committee), signed for and referred to its deliberation.</summary>
    public async Task<string> ReferredParkingCaseAsync(string callerPhone = "13700137001", string text = "东宅小区晚上停车难，车子停满了消防通道")
    {
        var caseId = await app.FileWorkOrderAsync(text, "张泾村东宅", phone: callerPhone);
        await app.PumpAsync();
        (await app.ActAsync(caseId, "acknowledge", "officer", Committee)).EnsureSuccessStatusCode();
        (await app.ActAsync(caseId, "refer", "officer", Committee, new { note = "停车位划线需要村民议事" })).EnsureSuccessStatusCode();
        await app.PumpAsync();
        Assert.Equal("InDeliberation", await app.StatusOfAsync(caseId));
        return caseId;
    }

    public async Task<CaseResult> ScheduleAsync(string caseId, DateTimeOffset meetingAt, string? place)
    {
        var result = await Runtime.HandleAsync(caseId, new ScheduleForMeeting($"schedule-{caseId}", app.Clock.GetUtcNow(), "m-zhangjing-1", meetingAt, place), CancellationToken.None);
        Assert.Equal(CaseOutcome.Applied, result.Outcome);
        await app.PumpAsync();
        return result;
    }

    /// <summary>The case through a meeting on the 3rd of December that adopts a resolution: its decision is published for review.</summary>
    public async Task<CaseState> DecidedAsync(string caseId)
    {
        await ScheduleAsync(caseId, new DateTimeOffset(2026, 12, 3, 19, 0, 0, TimeSpan.FromHours(8)), "张泾村村委会二楼会议室");
        app.Clock.Advance(TimeSpan.FromDays(9) + TimeSpan.FromHours(12)); // Thursday 3 December, 21:00: the meeting is over.
        var decided = await Runtime.HandleAsync(
            caseId,
            new DeliberationDecided($"decided-{caseId}", app.Clock.GetUtcNow(), "m-zhangjing-1", DeliberationOutcome.Adopted, "东宅小区夜间在村道东侧划定临时停车位，消防通道禁止停车", Committee, "赞成21票，反对3票，弃权1票"),
            CancellationToken.None);
        Assert.Equal(CaseOutcome.Applied, decided.Outcome);
        await app.PumpAsync();
        Assert.Equal(CaseStatus.DecisionReview, decided.State!.Status);
        return decided.State;
    }

    public async Task<CaseState> StateAsync(string caseId) => (await Runtime.Store.GetStateAsync(caseId, CancellationToken.None))!.Value.State;

    /// <summary>A signed Twilio text from <paramref name="from"/>; the TwiML answer's text.</summary>
    public async Task<string> TextAsync(string from, string body)
    {
        var sid = "SM" + Interlocked.Increment(ref _sid).ToString("D6", CultureInfo.InvariantCulture);
        List<KeyValuePair<string, string>> form =
        [
            new("SmsSid", sid), new("MessageSid", sid), new("AccountSid", "AC00000000000000000000000000000000"),
            new("From", from), new("To", "+8610690000"), new("Body", body),
        ];
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/twilio") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, TwilioSignature.Compute(TwilioToken, TwilioUrl, form));
        var response = await app.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
    }

    /// <summary>A plaintext WeChat push from the follower, stamped with the app's clock as WeChat would; the passive reply's text.</summary>
    public async Task<string?> WeChatAsync(string openId, string content)
    {
        var follower = new WeChatFollower(app.CreateClient(), openId);
        var now = app.Clock.GetUtcNow().ToUnixTimeSeconds();
        var xml = follower.Message("text", $"<Content><![CDATA[{content}]]></Content><MsgId>{WeChatFollower.NextMsgId()}</MsgId>", now);
        return await WeChatFollower.ReplyTextAsync(await follower.PostPlainAsync(xml, timestamp: now.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// An objection on the public page as a resident makes it: ask for a code for <c>body</c>'s phone and reason, read the
    /// code from the development outbox and confirm it. The confirmation's answer, or the request's when it sent no code.
    /// </summary>
    public async Task<HttpResponseMessage> ObjectOnlineAsync(string caseId, object body)
    {
        var requested = await RequestObjectionCodeAsync(caseId, body);
        if (requested.StatusCode != HttpStatusCode.Accepted)
        {
            return requested;
        }

        var phone = JsonSerializer.SerializeToElement(body, DeliberationApp.Json).GetProperty("phone").GetString()!;
        return await ConfirmObjectionAsync(caseId, phone, await ObjectionCodeAsync(caseId, phone));
    }

    /// <summary>
    /// Step 1 of a public objection: <c>{phone, reason}</c>; a code goes to the phone, and the answer's challenge is kept
    /// (as the resident's page keeps it) for <see cref="ConfirmObjectionAsync"/>.
    /// </summary>
    public async Task<HttpResponseMessage> RequestObjectionCodeAsync(string caseId, object body)
    {
        var response = await app.CreateClient().PostAsJsonAsync($"/api/public/cases/{caseId}/objections", body);
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var phone = JsonSerializer.SerializeToElement(body, DeliberationApp.Json).GetProperty("phone").GetString();
            var sent = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
            Challenges.GetOrCreateValue(app)[ChallengeKey(caseId, phone)] = sent.GetProperty("challenge").GetString()!;
        }

        return response;
    }

    /// <summary>Step 2 of a public objection: the code texted to the phone, with the challenge of the latest request for it (or the one given).</summary>
    public Task<HttpResponseMessage> ConfirmObjectionAsync(string caseId, string phone, string code, string? challenge = null)
    {
        challenge ??= Challenges.GetOrCreateValue(app).GetValueOrDefault(ChallengeKey(caseId, phone), "no-request-made");
        return app.CreateClient().PostAsJsonAsync($"/api/public/cases/{caseId}/objections/confirm", new { phone, code, challenge });
    }

    /// <summary>The challenge the latest code request for the case and phone was answered with.</summary>
    public string ChallengeOf(string caseId, string phone) => Challenges.GetOrCreateValue(app)[ChallengeKey(caseId, phone)];

    private static string ChallengeKey(string caseId, string? phone) => $"{caseId}|{E164.FromChinaMainland(phone)}";

    /// <summary>The objection codes texted for the case to this phone (as the development outbox masks it), oldest first.</summary>
    public async Task<IReadOnlyList<string>> ObjectionCodesSentAsync(string caseId, string phone)
    {
        var masked = Redactor.MaskPhone(E164.FromChinaMainland(phone));
        return (await app.NotificationsAsync(caseId))
            .Where(t => t.Template == "objection-code" && t.To == masked)
            .OrderBy(t => t.At)
            .Select(t => Regex.Match(t.Text, "验证码为([0-9]{6})").Groups[1].Value)
            .ToList();
    }

    /// <summary>The latest objection code texted for the case to this phone.</summary>
    public async Task<string> ObjectionCodeAsync(string caseId, string phone) => (await ObjectionCodesSentAsync(caseId, phone))[^1];

    public async Task<JsonElement> PublicViewAsync(string caseId)
    {
        var response = await app.CreateClient().GetAsync($"/api/public/cases/{caseId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
    }

    public static string Day(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        return $"{local.Month}月{local.Day}日";
    }

    private ICaseRuntime Runtime => app.Service<ICaseRuntime>();
}
