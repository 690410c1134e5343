using System.Text;
using Deliberation.Channels.Hotline;
using Deliberation.Channels.Sms;
using Deliberation.Storage.Residents;

namespace Deliberation.IntegrationTests.Sms;

public sealed class HotlineTranscriptTests : IAsyncLifetime
{
    private const string Secret = "call-centre-secret";
    private const string TwilioToken = "twilio-token";
    private readonly DeliberationApp _app = new(settings: new Dictionary<string, string?>
    {
        ["Channels:Hotline:TranscriptSecret"] = Secret,
        ["Channels:Sms:Twilio:AuthToken"] = TwilioToken,
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignedTranscript_CreatesHotlineCase()
    {
        var response = await PostAsync(Transcript("call-1"), Now());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var caseId = body.GetProperty("caseId").GetString()!;
        Assert.False(body.GetProperty("duplicate").GetBoolean());
        var stored = await _app.GetCaseAsync(caseId);
        Assert.Equal("Hotline", stored.GetProperty("channel").GetString());
        Assert.Equal(caseId, Assert.Single(await CasesOfAsync("13800138000")).CaseId);
    }

    [Fact]
    public async Task WithheldNumber_TranscriptFilesACase_AndARetryFindsIt()
    {
        // A caller who withheld their number: no one to text, but the matter is filed like any other, and the call
        // centre's retry of the same call finds the same case instead of failing.
        var body = JsonSerializer.Serialize(new { callId = "call-withheld", caller = "", text = "桂花苑小区门口的路灯坏了一个星期", place = "桂花苑" });
        var first = await PostAsync(body, Now());
        var again = await PostAsync(body, Now());
        var withoutCaller = await PostAsync(JsonSerializer.Serialize(new { callId = "call-withheld-2", text = "景澜小区的路灯也不亮", place = "景澜小区" }), Now());

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, withoutCaller.StatusCode);
        var caseId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("caseId").GetString()!;
        var repeat = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(caseId, repeat.GetProperty("caseId").GetString());
        Assert.True(repeat.GetProperty("duplicate").GetBoolean());
        await _app.PumpAsync();
        Assert.Equal("Dispatched", await _app.StatusOfAsync(caseId));
    }

    [Fact]
    public async Task SameCallIdInsideWindow_SameCase()
    {
        var first = await (await PostAsync(Transcript("call-2"), Now())).Content.ReadFromJsonAsync<JsonElement>();
        _app.Clock.Advance(TimeSpan.FromMinutes(2));

        var second = await PostAsync(Transcript("call-2"), Now());

        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("caseId").GetString(), again.GetProperty("caseId").GetString());
        Assert.True(again.GetProperty("duplicate").GetBoolean());
    }

    [Fact]
    public async Task ReplayedOutsideWindow_Forbidden_NothingCreated()
    {
        var body = Transcript("call-3");
        var signedAt = Now();
        _app.Clock.Advance(TimeSpan.FromMinutes(6));

        var response = await PostAsync(body, signedAt);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await CasesOfAsync("13800138000"));
    }

    [Fact]
    public async Task TamperedTranscript_Forbidden_NothingCreated()
    {
        var signed = Transcript("call-4");
        var tampered = signed.Replace("call-4", "call-9", StringComparison.Ordinal);
        Assert.NotEqual(signed, tampered);

        var response = await PostAsync(tampered, Now(), signatureOver: signed);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await CasesOfAsync("13800138000"));
    }

    [Fact]
    public async Task OversizedTranscript_PayloadTooLarge()
    {
        var response = await PostAsync(Transcript("call-5", new string('路', 30_000)), Now());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await CasesOfAsync("13800138000"));
    }

    [Fact]
    public async Task TranscriptWithoutCallId_ValidationProblem()
    {
        var response = await PostAsync("""{"caller":"13800138000","text":"桂花苑路灯不亮"}""", Now());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("callId", out _));
    }

    [Fact]
    public async Task TwilioTranscription_Signed_CreatesOneCasePerCallSid()
    {
        var form = TwilioForm("CA0001");

        var first = await PostTwilioAsync(form, TwilioSignature.Compute(TwilioToken, "http://localhost/api/hotline/transcripts", form));
        var second = await PostTwilioAsync(form, TwilioSignature.Compute(TwilioToken, "http://localhost/api/hotline/transcripts", form));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var caseId = Assert.Single(await CasesOfAsync("+15555550100")).CaseId;
        Assert.Equal("Hotline", (await _app.GetCaseAsync(caseId)).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task TwilioTranscription_BadSignature_Forbidden_NothingCreated()
    {
        var form = TwilioForm("CA0002");

        var response = await PostTwilioAsync(form, TwilioSignature.Compute("wrong", "http://localhost/api/hotline/transcripts", form));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await CasesOfAsync("+15555550100"));
    }

    private static string Transcript(string callId, string text = "桂花苑小区门口的路灯坏了一个星期") =>
        JsonSerializer.Serialize(new { callId, caller = "13800138000", text, place = "桂花苑" });

    private static List<KeyValuePair<string, string>> TwilioForm(string callSid) =>
    [
        new("TranscriptionSid", "TR" + callSid),
        new("TranscriptionText", "The street light outside Guihua garden has been out for a week"),
        new("TranscriptionStatus", "completed"),
        new("TranscriptionUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Transcriptions/TR1"),
        new("RecordingSid", "RE1"),
        new("CallSid", callSid),
        new("AccountSid", "AC1"),
        new("From", "+15555550100"),
        new("To", "+15555550199"),
        new("CallStatus", "completed"),
    ];

    private string Now() => _app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostAsync(string body, string timestamp, string? signatureOver = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/transcripts") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(TranscriptSignature.TimestampHeader, timestamp);
        request.Headers.Add(TranscriptSignature.SignatureHeader, TranscriptSignature.Compute(Secret, timestamp, Encoding.UTF8.GetBytes(signatureOver ?? body)));
        return await _app.CreateClient().SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostTwilioAsync(List<KeyValuePair<string, string>> form, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/hotline/transcripts") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add(TwilioSignature.Header, signature);
        return await _app.CreateClient().SendAsync(request);
    }

    private async Task<IReadOnlyList<ResidentCase>> CasesOfAsync(string phone)
    {
        var residents = _app.Service<ResidentDirectory>();
        return await residents.CasesAsync(residents.PhoneKey(phone), 100, CancellationToken.None);
    }
}
