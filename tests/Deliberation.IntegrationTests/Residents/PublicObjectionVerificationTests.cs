using System.Globalization;
using Deliberation.Storage.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Deliberation.IntegrationTests.Residents;

/// <summary>
/// 短信验证码 on public objections: an objection counts only once the mobile it names has read back the code texted to
/// it, so nobody counts objections for numbers they do not hold.
/// </summary>
public sealed class PublicObjectionVerificationTests : IAsyncLifetime
{
    private const string Phone = "139 1234 5301";
    private const string Reason = "临时停车位挡住了我家农机进出";

    private readonly SwitchableSms _sms = new();
    private readonly DeliberationApp _app;

    public PublicObjectionVerificationTests() =>
        // The per-minute limits: high enough for a test's bursts within one minute of its clock.
        _app = new(settings: ResidentsVoice.Settings(("PublicApi:MaxWritesPerResidentPerMinute", "100")), services: s => s.Replace(ServiceDescriptor.Singleton<ISmsSender>(sp => _sms.With(sp.GetRequiredService<DevelopmentOutbox>()))));

    private ResidentsVoice Voice => new(_app);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Objection_ConfirmedWithTheTextedCode_CountsOnceAndASecondConfirmCountsNothing()
    {
        var caseId = await DecidedCaseAsync();
        var requestedAt = _app.Clock.GetUtcNow();

        var requested = await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason });
        var requestBody = await requested.Content.ReadAsStringAsync();
        var objectionsBeforeConfirming = (await Voice.StateAsync(caseId)).Decision!.Objections;
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);
        var confirmed = await Voice.ConfirmObjectionAsync(caseId, Phone, code);
        var confirmBody = await confirmed.Content.ReadAsStringAsync();
        var confirmedAgain = await Voice.ConfirmObjectionAsync(caseId, Phone, code);

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var sent = JsonSerializer.Deserialize<JsonElement>(requestBody, DeliberationApp.Json);
        Assert.Equal(caseId, sent.GetProperty("caseId").GetString());
        Assert.Equal(requestedAt + TimeSpan.FromMinutes(10), sent.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Contains("10分钟内", sent.GetProperty("message").GetString());
        Assert.Equal(0, objectionsBeforeConfirming);
        Assert.Equal(
            $"【新桥镇】您对诉求{caseId}决议提出异议的验证码为{code}，10分钟内有效。如非本人操作请忽略。",
            (await _app.NotificationsAsync(caseId)).Single(t => t.Template == "objection-code").Text);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var receipt = JsonSerializer.Deserialize<JsonElement>(confirmBody, DeliberationApp.Json);
        Assert.Equal(1, receipt.GetProperty("objections").GetInt32());
        Assert.False(receipt.GetProperty("alreadyCounted").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, confirmedAgain.StatusCode);
        Assert.Contains("请重新获取验证码", await DetailAsync(confirmedAgain));
        Assert.Equal(1, (await Voice.StateAsync(caseId)).Decision!.Objections);
        Assert.Contains((await _app.GetCaseAsync(caseId)).GetProperty("timeline").EnumerateArray(), e => e.ToString().Contains(Reason, StringComparison.Ordinal));
        Assert.DoesNotContain(code, sent.GetProperty("message").GetString(), StringComparison.Ordinal);
        foreach (var body in new[] { requestBody, confirmBody, await confirmedAgain.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("5301", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Confirm_TwiceAtOnce_CountsOnce()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);

        var answers = await Task.WhenAll(Voice.ConfirmObjectionAsync(caseId, Phone, code), Voice.ConfirmObjectionAsync(caseId, Phone, code));

        // One counts; the other finds the code spent (409) or, racing it, the objection already counted.
        var counted = new List<bool>();
        foreach (var answer in answers.Where(a => a.StatusCode == HttpStatusCode.OK))
        {
            counted.Add(!(await answer.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json)).GetProperty("alreadyCounted").GetBoolean());
        }

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.Equal(1, counted.Count(c => c));
        Assert.Equal(1, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task Confirm_WithoutTheRequestsChallenge_LearnsNothingAndSpendsNoTry()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        // Someone who knows the mobile but not the request's challenge: as if nothing were pending, however often.
        var strangers = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            strangers.Add(await Voice.ConfirmObjectionAsync(caseId, Phone, i == 5 ? code : wrong, challenge: "AAAAAAAAAAAAAAAAAAAAAAAA"));
        }

        var nobodyAsked = await Voice.ConfirmObjectionAsync(caseId, "13912345399", wrong, challenge: "AAAAAAAAAAAAAAAAAAAAAAAA");
        var resident = await Voice.ConfirmObjectionAsync(caseId, Phone, code);

        Assert.All(strangers, s => Assert.Equal(HttpStatusCode.Conflict, s.StatusCode));
        Assert.Equal(await DetailAsync(nobodyAsked), await DetailAsync(strangers[0])); // the same answer as for a mobile with nothing pending
        Assert.Equal(HttpStatusCode.OK, resident.StatusCode);
        Assert.Equal(1, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task RequestNeverConfirmed_IsTidiedAwayADayAfterItsCodeExpired()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var table = _app.Table(_app.Storage.Names.PendingObjections);
        Assert.Equal(2, await CountAsync(table)); // the objection waiting for its code, and the mobile's send count

        await _app.AdvanceAsync(TimeSpan.FromMinutes(10) + TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        Assert.Equal(2, await CountAsync(table));

        await _app.AdvanceAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(0, await CountAsync(table));
    }

    [Fact]
    public async Task Confirm_MissingChallenge_ValidationProblem()
    {
        var caseId = await DecidedCaseAsync();

        var response = await _app.CreateClient().PostAsJsonAsync($"/api/public/cases/{caseId}/objections/confirm", new { phone = Phone, code = "123456" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json)).GetProperty("errors").TryGetProperty("challenge", out _));
    }

    [Fact]
    public async Task RequestCode_SixthWithinAnHour_TooManyRequestsUntilTheHourIsOver()
    {
        var caseId = await DecidedCaseAsync();
        var first = _app.Clock.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).StatusCode);
            _app.Clock.Advance(TimeSpan.FromMinutes(2));
        }

        var sixth = await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason });

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.StatusCode);
        Assert.Equal(first + TimeSpan.FromHours(1) - _app.Clock.GetUtcNow(), sixth.Headers.RetryAfter!.Delta);
        Assert.Equal(5, (await Voice.ObjectionCodesSentAsync(caseId, Phone)).Count);
        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Accepted, (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).StatusCode);
    }

    [Fact]
    public async Task Confirm_WrongCodeFiveTimes_VoidsTheObjectionSoEvenTheRightCodeCountsNothing()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);
        var wrong = ((int.Parse(code, CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

        var guesses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            guesses.Add(await Voice.ConfirmObjectionAsync(caseId, Phone, wrong));
        }

        var right = await Voice.ConfirmObjectionAsync(caseId, Phone, code);

        Assert.All(guesses, g => Assert.Equal(HttpStatusCode.UnprocessableEntity, g.StatusCode));
        var problems = new List<JsonElement>();
        foreach (var guess in guesses)
        {
            problems.Add(await guess.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json));
        }

        Assert.Equal([4, 3, 2, 1, 0], problems.Select(p => p.GetProperty("triesLeft").GetInt32()));
        Assert.Equal("验证码不正确，还可尝试4次。", problems[0].GetProperty("detail").GetString());
        Assert.Equal("验证码已连续输错5次，本次异议已作废，请重新获取验证码。", problems[4].GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Conflict, right.StatusCode);
        Assert.Equal(0, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task Confirm_JustBeforeTenMinutes_Counts()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);
        _app.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));

        var confirmed = await Voice.ConfirmObjectionAsync(caseId, Phone, code);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(1, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task Confirm_AfterTenMinutes_GoneAndNothingCounted()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);
        _app.Clock.Advance(TimeSpan.FromMinutes(10));

        var late = await Voice.ConfirmObjectionAsync(caseId, Phone, code);
        var lateAgain = await Voice.ConfirmObjectionAsync(caseId, Phone, code);

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Equal("验证码已超过10分钟有效期，请重新获取验证码。", await DetailAsync(late));
        Assert.Equal(HttpStatusCode.Conflict, lateAgain.StatusCode);
        Assert.Equal(0, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task RequestCode_AgainWithinAMinute_TooManyRequestsWithRetryAfterAndNoSecondText()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        _app.Clock.Advance(TimeSpan.FromSeconds(20));

        var again = await Voice.RequestObjectionCodeAsync(caseId, new { phone = "+86 13912345301", reason = "再提一次" });

        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), again.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Single(await Voice.ObjectionCodesSentAsync(caseId, Phone));
        var first = await Voice.ConfirmObjectionAsync(caseId, Phone, await Voice.ObjectionCodeAsync(caseId, Phone));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task RequestCode_AgainAfterAMinute_GetsACodeOfItsOwnAndTheFirstStaysConfirmable()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var first = (Code: await Voice.ObjectionCodeAsync(caseId, Phone), Challenge: Voice.ChallengeOf(caseId, Phone));
        _app.Clock.Advance(TimeSpan.FromMinutes(1));

        // Someone else asks for a code for the same mobile and case (they know the number, not the texts it gets).
        var again = await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = "别人替我写的理由" });
        var second = (Code: await Voice.ObjectionCodeAsync(caseId, Phone), Challenge: Voice.ChallengeOf(caseId, Phone));
        var withFirst = await Voice.ConfirmObjectionAsync(caseId, Phone, first.Code, first.Challenge);
        var secondCodeWithFirstChallenge = await Voice.ConfirmObjectionAsync(caseId, Phone, second.Code, first.Challenge);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.NotEqual(first.Challenge, second.Challenge);
        Assert.Equal(2, (await Voice.ObjectionCodesSentAsync(caseId, Phone)).Count);
        Assert.Equal(HttpStatusCode.OK, withFirst.StatusCode); // the resident's own request was not replaced
        Assert.NotEqual(HttpStatusCode.OK, secondCodeWithFirstChallenge.StatusCode); // a code is good for its own request only
        var timeline = (await _app.GetCaseAsync(caseId)).GetProperty("timeline").ToString();
        Assert.Contains(Reason, timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("别人替我写的理由", timeline, StringComparison.Ordinal);
        Assert.Equal(1, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    [Fact]
    public async Task RequestCode_WhenTheSmsProviderFails_ServiceUnavailableNothingPendingAndTheMobileMayAskAgainAtOnce()
    {
        var caseId = await DecidedCaseAsync();
        _sms.Failing = true;

        var failed = await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason });
        var confirmAnyway = await Voice.ConfirmObjectionAsync(caseId, Phone, "123456");
        _sms.Failing = false;
        var retried = await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        Assert.Equal("application/problem+json", failed.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, confirmAnyway.StatusCode);
        Assert.Equal(0, (await Voice.StateAsync(caseId)).Decision!.Objections);
        Assert.Equal(HttpStatusCode.Accepted, retried.StatusCode);
        Assert.Single(await Voice.ObjectionCodesSentAsync(caseId, Phone));
    }

    [Fact]
    public async Task RequestCode_CaseWithoutADecisionUnderReview_RefusedWithTheReasonAndNoText()
    {
        var caseId = await _app.FileWorkOrderAsync("东宅小区晚上停车难", "张泾村东宅");
        await _app.PumpAsync();

        var refused = await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason });
        var unknown = await Voice.RequestObjectionCodeAsync("209901010001", new { phone = Phone, reason = Reason });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal($"诉求{caseId}没有公示中的议事会决议，无法提出异议。", await DetailAsync(refused));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await Voice.ObjectionCodesSentAsync(caseId, Phone));
        Assert.Empty(await Voice.ObjectionCodesSentAsync("209901010001", Phone));
        Assert.Equal(0, _sms.CodesSent);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("12345")]
    [InlineData("12345a")]
    [InlineData("1234567")]
    public async Task Confirm_CodeNotSixDigits_ValidationProblemAndNoTrySpent(string? code)
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();

        var invalid = await Voice.ConfirmObjectionAsync(caseId, Phone, code!);
        var right = await Voice.ConfirmObjectionAsync(caseId, Phone, await Voice.ObjectionCodeAsync(caseId, Phone));

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await invalid.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json)).GetProperty("errors").TryGetProperty("code", out _));
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Confirm_FullWidthDigits_ReadAsTheCode()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var fullWidth = new string((await Voice.ObjectionCodeAsync(caseId, Phone)).Select(c => (char)('０' + (c - '0'))).ToArray());

        var confirmed = await Voice.ConfirmObjectionAsync(caseId, Phone, fullWidth);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    [Fact]
    public async Task Confirm_CodeTextedToAnotherMobile_DoesNotCountForThisOne()
    {
        var caseId = await DecidedCaseAsync();
        (await Voice.RequestObjectionCodeAsync(caseId, new { phone = Phone, reason = Reason })).EnsureSuccessStatusCode();
        var code = await Voice.ObjectionCodeAsync(caseId, Phone);

        var otherMobile = await Voice.ConfirmObjectionAsync(caseId, "13912345302", code);

        Assert.Equal(HttpStatusCode.Conflict, otherMobile.StatusCode);
        Assert.Equal(0, (await Voice.StateAsync(caseId)).Decision!.Objections);
    }

    private async Task<string> DecidedCaseAsync()
    {
        var caseId = await Voice.ReferredParkingCaseAsync();
        await Voice.DecidedAsync(caseId);
        return caseId;
    }

    private static async Task<int> CountAsync(Azure.Data.Tables.TableClient table)
    {
        var count = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private static async Task<string?> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json)).GetProperty("detail").GetString();

    /// <summary>The development outbox, or a provider that is down while <see cref="Failing"/>.</summary>
    private sealed class SwitchableSms : ISmsSender
    {
        private ISmsSender? _outbox;
        private int _codesSent;

        public bool Failing { get; set; }

        /// <summary>Objection codes that reached the outbox.</summary>
        public int CodesSent => _codesSent;

        public SwitchableSms With(ISmsSender outbox)
        {
            _outbox = outbox;
            return this;
        }

        public async Task SendAsync(OutboundText message, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new HttpRequestException("The provider answered 503.", null, HttpStatusCode.ServiceUnavailable);
            }

            await _outbox!.SendAsync(message, cancellationToken);
            if (message.Template == "objection-code")
            {
                Interlocked.Increment(ref _codesSent);
            }
        }
    }
}
