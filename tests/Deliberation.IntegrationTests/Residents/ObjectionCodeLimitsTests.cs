using Deliberation.Api.Apis;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.RateLimits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Deliberation.IntegrationTests.Residents;

/// <summary>
/// The limits on public objection codes, which strangers' numbers make costly: mainland mobiles only, client addresses
/// only as a known proxy reports them, counts shared by every instance, a daily budget for the town, and no bucket one
/// client can empty for everyone.
/// </summary>
public sealed class ObjectionCodeLimitsTests
{
    /// <summary>A case number no case has: each request runs every limit, then answers 404 without a text.</summary>
    private const string NoCase = "209901010001";

    [Theory]
    [InlineData("+14155552671")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+852 9123 4567")]
    [InlineData("0085291234567")]
    [InlineData("12912345678")]
    [InlineData("+86 10 6552 9988")]
    public async Task CodeRequest_ForANumberThatIsNoMainlandMobile_400NamingThePhone_AndNoText(string phone)
    {
        await using var app = new DeliberationApp(settings: ResidentsVoice.Settings());
        var caseId = await DecidedCaseAsync(app);

        var response = await new ResidentsVoice(app).RequestObjectionCodeAsync(caseId, new { phone, reason = "不同意" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        var message = problem.GetProperty("errors").GetProperty("phone")[0].GetString();
        Assert.Contains("中国大陆手机号码", message, StringComparison.Ordinal);
        Assert.Contains("mainland China mobile", message, StringComparison.Ordinal);
        Assert.DoesNotContain(await app.NotificationsAsync(caseId), t => t.Template == ObjectionCodes.Template);
    }

    [Fact]
    public async Task TwoInstancesOnOneStorage_ShareTheClientAndTheResidentLimits()
    {
        var prefix = Azurite.NewPrefix();
        var clock = new FakeTimeProvider(DeliberationApp.Start);
        var settings = ResidentsVoice.Settings(("PublicApi:MaxWritesPerClientPerMinute", "4"), ("PublicApi:MaxWritesPerResidentPerMinute", "2"));
        await using var a = new DeliberationApp(prefix, clock: clock, settings: settings, services: Peers);
        await using var b = new DeliberationApp(prefix, clock: clock, settings: settings, services: Peers);

        // One client, alternating between the instances: its fifth request this minute is one too many.
        var client = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            client.Add(await PostAsync(i % 2 == 0 ? a : b, $"1391234{5400 + i}", peer: "198.51.100.7"));
        }

        // One mobile, from different clients and instances: its third request this minute is one too many.
        var resident = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            resident.Add(await PostAsync(i % 2 == 0 ? b : a, "13912345499", peer: $"198.51.100.{20 + i}"));
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.NotFound, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], client);
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], resident);
    }

    [Fact]
    public async Task ForwardedFor_FromAPeerThatIsNoKnownProxy_IsIgnored()
    {
        await using var app = new DeliberationApp(settings: ResidentsVoice.Settings(("PublicApi:MaxWritesPerClientPerMinute", "3"), ("ForwardedHeaders:KnownProxies:0", "10.0.0.4")), services: Peers);

        // A client that writes a new X-Forwarded-For on every request is still the one address it connects from.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await PostAsync(app, $"1391234{5500 + i}", peer: "198.51.100.7", forwardedFor: $"203.0.113.{i + 1}"));
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task ForwardedFor_FromAKnownProxy_NamesTheClient_AndTheProxyItselfIsNoClient()
    {
        await using var app = new DeliberationApp(settings: ResidentsVoice.Settings(("PublicApi:MaxWritesPerClientPerMinute", "3"), ("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/24")), services: Peers);

        // Through the proxy, each client has its own count (a client's own X-Forwarded-For entries are not read).
        var distinct = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            distinct.Add(await PostAsync(app, $"1391234{5600 + i}", peer: "10.0.0.4", forwardedFor: $"192.0.2.66, 203.0.113.{i + 1}"));
        }

        var oneClient = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            oneClient.Add(await PostAsync(app, $"1391234{5700 + i}", peer: "10.0.0.4", forwardedFor: "203.0.113.50"));
        }

        // The proxy's own address (no header) is not a client: those requests share no bucket.
        var fromTheProxy = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            fromTheProxy.Add(await PostAsync(app, $"1391234{5800 + i}", peer: "10.0.0.4"));
        }

        Assert.All(distinct, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], oneClient);
        Assert.All(fromTheProxy, s => Assert.Equal(HttpStatusCode.NotFound, s));
    }

    [Fact]
    public async Task ClientAddressUnknown_LimitedPerMobileOnly_NeverOneBucketForEveryone()
    {
        // The test server knows no peer, as the Functions worker knows only the host's: no per-client count.
        await using var app = new DeliberationApp(settings: ResidentsVoice.Settings(("PublicApi:MaxWritesPerClientPerMinute", "2"), ("PublicApi:MaxWritesPerResidentPerMinute", "3")));

        var residents = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            residents.Add(await PostAsync(app, $"1391234{5900 + i}"));
        }

        var oneMobile = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            oneMobile.Add(await PostAsync(app, "13912345999"));
        }

        Assert.All(residents, s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], oneMobile);
    }

    [Fact]
    public async Task OneClientsFlood_BlocksNeitherAnotherClientNorAnotherMobile()
    {
        await using var app = new DeliberationApp(settings: ResidentsVoice.Settings(("PublicApi:MaxWritesPerClientPerMinute", "5"), ("PublicApi:MaxWritesPerResidentPerMinute", "3")), services: Peers);
        var caseId = await DecidedCaseAsync(app);

        // A flood from one address, over many numbers and one number over and over.
        for (var i = 0; i < 20; i++)
        {
            await PostAsync(app, i % 2 == 0 ? "13912346000" : $"1391234{6100 + i}", peer: "198.51.100.66", caseId: caseId);
        }

        var floodNow = await PostAsync(app, "13912346001", peer: "198.51.100.66", caseId: caseId);
        var neighbour = await PostAsync(app, "13912346002", peer: "198.51.100.67", caseId: caseId);
        var unknownAddress = await PostAsync(app, "13912346003", caseId: caseId);

        Assert.Equal(HttpStatusCode.TooManyRequests, floodNow);
        Assert.Equal(HttpStatusCode.Accepted, neighbour); // another address, another mobile: its code is sent
        Assert.Equal(HttpStatusCode.Accepted, unknownAddress);
    }

    [Fact]
    public async Task TownBudget_Spent_429UntilTheTownsMidnight_AndCodesAlreadySentStillConfirm()
    {
        var sms = new FailingOnce();
        await using var app = new DeliberationApp(
            settings: ResidentsVoice.Settings(("PublicApi:ObjectionCodeTextsPerDay", "2")),
            services: s => s.Replace(ServiceDescriptor.Singleton<ISmsSender>(sp => sms.With(sp.GetRequiredService<DevelopmentOutbox>()))));
        var voice = new ResidentsVoice(app);
        var caseId = await DecidedCaseAsync(app);

        var first = await voice.RequestObjectionCodeAsync(caseId, new { phone = "13912346201", reason = "不同意" });
        sms.FailNext = true;
        var failed = await voice.RequestObjectionCodeAsync(caseId, new { phone = "13912346202", reason = "不同意" });
        var second = await voice.RequestObjectionCodeAsync(caseId, new { phone = "13912346203", reason = "不同意" });
        var third = await voice.RequestObjectionCodeAsync(caseId, new { phone = "13912346204", reason = "不同意" });
        var confirmed = await voice.ConfirmObjectionAsync(caseId, "13912346201", await voice.ObjectionCodeAsync(caseId, "13912346201"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode); // a text that never went out costs the budget nothing
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("application/problem+json", third.Content.Headers.ContentType?.MediaType);
        var problem = await third.Content.ReadFromJsonAsync<JsonElement>(DeliberationApp.Json);
        Assert.Contains($"异议{caseId}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var local = TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var midnight = new DateTimeOffset(local.Date.AddDays(1), TimeSpan.FromHours(8));
        Assert.Equal(TimeSpan.FromSeconds(Math.Ceiling((midnight - app.Clock.GetUtcNow()).TotalSeconds)), third.Headers.RetryAfter?.Delta);
        Assert.Equal(2, (await app.NotificationsAsync(caseId)).Count(t => t.Template == ObjectionCodes.Template));
        Assert.Equal(2, await app.Service<RateLimitCounters>().DailyCountAsync(ObjectionCodes.TextBudget, DateOnly.FromDateTime(local.DateTime), CancellationToken.None));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
    }

    private static void Peers(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestPeer>();

    private static async Task<string> DecidedCaseAsync(DeliberationApp app)
    {
        var voice = new ResidentsVoice(app);
        var caseId = await voice.ReferredParkingCaseAsync();
        await voice.DecidedAsync(caseId);
        return caseId;
    }

    private static async Task<HttpStatusCode> PostAsync(DeliberationApp app, string phone, string? peer = null, string? forwardedFor = null, string caseId = NoCase)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/public/cases/{caseId}/objections") { Content = JsonContent.Create(new { phone, reason = "不同意" }) };
        if (peer is not null)
        {
            request.Headers.Add(TestPeer.Header, peer);
        }

        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        using var response = await app.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The development outbox, with the provider failing once when asked to.</summary>
    private sealed class FailingOnce : ISmsSender
    {
        private ISmsSender? _outbox;

        public bool FailNext { get; set; }

        public FailingOnce With(ISmsSender outbox)
        {
            _outbox = outbox;
            return this;
        }

        public Task SendAsync(OutboundText message, CancellationToken cancellationToken)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new HttpRequestException("The provider answered 503.", null, HttpStatusCode.ServiceUnavailable);
            }

            return _outbox!.SendAsync(message, cancellationToken);
        }
    }
}
