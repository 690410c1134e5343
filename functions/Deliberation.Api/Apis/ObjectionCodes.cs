using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.RateLimits;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Apis;

/// <summary>How a request for an objection code came out.</summary>
public enum CodeRequestStatus
{
    Sent,

    /// <summary>The case does not take objections (unknown, no decision under review, review over): no text sent.</summary>
    Refused,

    /// <summary>A code went to this mobile less than the interval ago.</summary>
    TooSoon,

    /// <summary>The SMS provider failed: nothing pending, the mobile may ask again at once.</summary>
    SendFailed,

    /// <summary>The town has texted its day's budget of codes: no text until the town's next day.</summary>
    TownBudgetSpent,
}

/// <summary>
/// A request's outcome: when the code expires and the challenge to confirm it with (sent), why not (refused), or when
/// to ask again (too soon).
/// </summary>
public sealed record CodeRequestResult(CodeRequestStatus Status, DateTimeOffset? ExpiresAt = null, ResidentAnswer? Refusal = null, TimeSpan? RetryAfter = null, string? Challenge = null);

/// <summary>How a confirmation came out.</summary>
public enum CodeConfirmStatus
{
    /// <summary>The right code: the objection went to the case (counted, already counted, or refused by it).</summary>
    Confirmed,

    /// <summary>
    /// No code pending for this mobile, case and challenge: never asked, already confirmed, void, or asked for by another
    /// request (whose challenge this is not). One answer for all, so nobody learns whether a mobile has an objection pending.
    /// </summary>
    NonePending,
    Expired,

    /// <summary>A wrong code with tries left.</summary>
    WrongCode,

    /// <summary>A wrong code with no tries left: the pending objection is void.</summary>
    Voided,
}

/// <summary>A confirmation's outcome: the case's answer (confirmed) or the tries left (wrong code).</summary>
public sealed record CodeConfirmResult(CodeConfirmStatus Status, ResidentAnswer? Answer = null, int TriesLeft = 0);

/// <summary>
/// 短信验证码 for objections on the public page: the mobile a resident names must read back a code texted to it before
/// the objection counts, so nobody counts objections for numbers they do not hold. The number is used to send the code
/// and to key the resident, never stored; the code is stored as a keyed hash bound to case and resident and compared in
/// constant time. The request is answered with a random challenge that the confirmation must bring back: without it a
/// confirmation neither learns whether the mobile has an objection pending nor spends its tries, and nobody else's
/// request can be confirmed with the code texted for it. Every guess spends a try before it is compared. Texts are
/// bounded per mobile (interval, hour, day) and for the whole town per day, all counted in storage and so across
/// instances; a text that fails gives both claims back.
/// </summary>
public sealed partial class ObjectionCodes(
    PendingObjections pending,
    RateLimitCounters counters,
    ResidentRequests requests,
    ISmsSender sms,
    TownState town,
    PersonalDataProtector protector,
    TimeProvider time,
    IOptions<PublicApiOptions> options,
    ILogger<ObjectionCodes> logger)
{
    public const string Template = "objection-code";

    /// <summary>The name of the town's daily budget of code texts in <see cref="RateLimitCounters"/>.</summary>
    public const string TextBudget = "objection-code-texts";

    /// <summary>A challenge is 24 characters (18 random bytes, base64url); anything much longer is not one.</summary>
    public const int MaxChallengeLength = 64;

    /// <summary>Compare-and-swap retries when concurrent confirmations keep changing the row.</summary>
    private const int MaxAttempts = 5;

    private PublicApiOptions Options => options.Value;

    /// <summary>The code text, in the form residents know from government portals.</summary>
    public static string Text(string townName, string caseId, string code, TimeSpan lifetime) =>
        $"【{townName}】您对诉求{caseId}决议提出异议的验证码为{code}，{(int)lifetime.TotalMinutes}分钟内有效。如非本人操作请忽略。";

    /// <summary>A code as typed: six digits, full-width ones (from a Chinese input method) read as their ASCII twins.</summary>
    public static string? NormaliseCode(string? typed)
    {
        var digits = new string((typed ?? "").Trim().Select(c => c is >= '０' and <= '９' ? (char)('0' + (c - '０')) : c).ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>Checks the case takes objections, claims this mobile's text for the interval, stores the objection and texts its code.</summary>
    public async Task<CodeRequestResult> RequestAsync(string caseId, string phone, string residentKey, string reason, CancellationToken cancellationToken)
    {
        if (await requests.ObjectionRefusalAsync(caseId, cancellationToken) is { } refusal)
        {
            return new(CodeRequestStatus.Refused, Refusal: refusal);
        }

        var now = time.GetUtcNow();
        var limits = new CodeSendLimits(Options.ObjectionCodeInterval, Options.ObjectionCodesPerHour, Options.ObjectionCodesPerDay);
        var claim = await pending.TryClaimSendAsync(residentKey, now, limits, cancellationToken);
        if (!claim.Claimed)
        {
            LogTooSoon(logger, caseId);
            return new(CodeRequestStatus.TooSoon, RetryAfter: claim.RetryAfter);
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, requests.Zone).DateTime);
        var budget = await counters.TryClaimDailyAsync(TextBudget, today, Options.ObjectionCodeTextsPerDay, cancellationToken);
        if (!budget.Claimed)
        {
            LogBudgetSpent(logger, caseId, Options.ObjectionCodeTextsPerDay);
            await pending.ReleaseSendAsync(residentKey, claim, CancellationToken.None);
            return new(CodeRequestStatus.TownBudgetSpent, RetryAfter: UntilTomorrow(now));
        }

        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var challenge = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(18));
        var expiresAt = now + Options.ObjectionCodeLifetime;
        var stored = new PendingObjection(residentKey, caseId, ChallengeHash(caseId, residentKey, challenge), CodeHash(caseId, residentKey, code), reason.Trim(), expiresAt, Options.ObjectionCodeTries, default);
        var etag = await pending.PutAsync(stored, cancellationToken);
        try
        {
            var text = Text(town.Context.Directory.TownName, caseId, code, Options.ObjectionCodeLifetime);
            await sms.SendAsync(new OutboundText($"{Template}-{Guid.NewGuid():N}", caseId, Channel.Sms, phone, text, Audience.Reporter, Template, null), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // The resident never got this code: leave nothing that waits for it, and let them ask again at once.
            LogSendFailed(logger, caseId, e.GetType().Name);
            await pending.TryRemoveAsync(stored with { ETag = etag }, CancellationToken.None);
            await pending.ReleaseSendAsync(residentKey, claim, CancellationToken.None);
            await counters.ReleaseDailyAsync(budget, CancellationToken.None);
            return new(CodeRequestStatus.SendFailed);
        }

        LogSent(logger, caseId);
        return new(CodeRequestStatus.Sent, ExpiresAt: expiresAt, Challenge: challenge);
    }

    /// <summary>
    /// Checks the code of the request <paramref name="challenge"/> names. A try is spent first; the right code then raises
    /// the objection on the case and only after that removes the pending objection, so a failure in between leaves it to
    /// be confirmed again (the case counts a resident's objection once however often it is raised).
    /// </summary>
    public async Task<CodeConfirmResult> ConfirmAsync(string caseId, string residentKey, string challenge, string code, CancellationToken cancellationToken)
    {
        var challengeHash = ChallengeHash(caseId, residentKey, challenge);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await pending.GetAsync(residentKey, caseId, challengeHash, cancellationToken) is not { } waiting)
            {
                return Logged(caseId, new(CodeConfirmStatus.NonePending));
            }

            if (time.GetUtcNow() >= waiting.ExpiresAt)
            {
                await pending.TryRemoveAsync(waiting, cancellationToken);
                return Logged(caseId, new(CodeConfirmStatus.Expired));
            }

            if (waiting.TriesLeft <= 0)
            {
                await pending.TryRemoveAsync(waiting, cancellationToken);
                return Logged(caseId, new(CodeConfirmStatus.Voided));
            }

            if (await pending.TrySpendTryAsync(waiting, cancellationToken) is not { } spent)
            {
                continue; // Changed under us (another guess, a new code): read it again and pay for this guess there.
            }

            if (Matches(spent.CodeHash, CodeHash(caseId, residentKey, code)))
            {
                ResidentAnswer answer;
                try
                {
                    answer = await requests.ObjectAsync(residentKey, caseId, spent.Reason, channel: null, cancellationToken);
                }
                catch
                {
                    // The right code must not be lost to a storage hiccup, even on the last try: give the try back.
                    await pending.RefundTryAsync(spent, CancellationToken.None);
                    throw;
                }

                await pending.TryRemoveAsync(spent, cancellationToken);
                return Logged(caseId, new(CodeConfirmStatus.Confirmed, answer));
            }

            if (spent.TriesLeft > 0)
            {
                return Logged(caseId, new(CodeConfirmStatus.WrongCode, TriesLeft: spent.TriesLeft));
            }

            await pending.TryRemoveAsync(spent, cancellationToken);
            return Logged(caseId, new(CodeConfirmStatus.Voided));
        }

        return Logged(caseId, new(CodeConfirmStatus.NonePending));
    }

    /// <summary>How long until the town's next day begins, when its budget of texts is whole again.</summary>
    private TimeSpan UntilTomorrow(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, requests.Zone);
        var midnight = new DateTimeOffset(local.Date.AddDays(1), requests.Zone.GetUtcOffset(local.Date.AddDays(1)));
        return midnight - now;
    }

    /// <summary>Bound to case and resident, so a code is good for nothing else; keyed, so a leaked table does not give codes away.</summary>
    private string CodeHash(string caseId, string residentKey, string code) => protector.Hash($"objection-code|{caseId}|{residentKey}|{code}");

    private string ChallengeHash(string caseId, string residentKey, string challenge) => protector.Hash($"objection-challenge|{caseId}|{residentKey}|{challenge}");

    private static bool Matches(string stored, string computed) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored), Encoding.ASCII.GetBytes(computed));

    private CodeConfirmResult Logged(string caseId, CodeConfirmResult result)
    {
        LogConfirmation(logger, caseId, result.Status);
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Objection code for case {CaseId} sent")]
    private static partial void LogSent(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Objection code for case {CaseId} not sent: the SMS provider failed ({ErrorType})")]
    private static partial void LogSendFailed(ILogger logger, string caseId, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Objection code for case {CaseId} refused: a code went to the same mobile within the interval")]
    private static partial void LogTooSoon(ILogger logger, string caseId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Objection code for case {CaseId} refused: the town has texted its {Budget} codes for today")]
    private static partial void LogBudgetSpent(ILogger logger, string caseId, int budget);

    [LoggerMessage(Level = LogLevel.Information, Message = "Objection code for case {CaseId} checked: {Status}")]
    private static partial void LogConfirmation(ILogger logger, string caseId, CodeConfirmStatus status);
}
