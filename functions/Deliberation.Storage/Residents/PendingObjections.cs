using Azure;
using Azure.Data.Tables;

namespace Deliberation.Storage.Residents;

/// <summary>
/// A 异议 made on the public page, waiting for the code texted to the mobile it names. <c>CodeHash</c> is a keyed hash
/// of the code bound to the case and resident; <c>ChallengeHash</c> one of the token the request was answered with (part
/// of the row key), so only whoever made this request can find, confirm or spend the tries of it; <c>ETag</c> is the row's, so spending a try
/// or taking the objection is conditional on nobody else having done so.
/// </summary>
public sealed record PendingObjection(string ResidentKey, string CaseId, string ChallengeHash, string CodeHash, string Reason, DateTimeOffset ExpiresAt, int TriesLeft, ETag ETag);

/// <summary>How many codes a mobile may get: one per interval, and at most so many per hour and per day.</summary>
public sealed record CodeSendLimits(TimeSpan Interval, int PerHour, int PerDay);

/// <summary>Whether a code may be texted to a mobile now and, if not, how long until it may; what to put back if the text fails.</summary>
public readonly record struct CodeSendClaim(bool Claimed, TimeSpan RetryAfter, ETag ETag, TableEntity? Previous = null);

/// <summary>
/// Table <c>pendingobjections</c>: PartitionKey = the resident's key (a keyed hash of the mobile, never the number),
/// RowKey = <c>case-{caseId}|{challenge hash}</c> for an objection waiting for its code (the reason encrypted, as contacts
/// are; one row per request, so a request nobody can confirm never replaces the one its resident is confirming), and
/// RowKey = <c>code-sent</c> for when a code last went to that mobile and how many went this hour and day, which limits
/// texts per mobile across cases and instances (nobody can have the town's number text a stranger all day).
/// </summary>
public sealed class PendingObjections(StorageClients clients, PersonalDataProtector protector)
{
    /// <summary>How long after a code expires its rows are tidied away (the mobile's day count has run out by then too).</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);

    private readonly Timers.TimerIndex _timers = new(clients.Timers);
    private const string SentRow = "code-sent";
    private static readonly string[] SendRowFields = ["SentAt", "HourStart", "HourCount", "DayStart", "DayCount"];
    private readonly TableClient _table = clients.Table(clients.Names.PendingObjections);

    /// <summary>
    /// Claims one text to the mobile: not within <see cref="CodeSendLimits.Interval"/> of the last, and within the hour's
    /// and the day's count (each window starts with its first text). Conditional on the row's ETag (or on its absence),
    /// so two requests at once cannot both claim it.
    /// </summary>
    public async Task<CodeSendClaim> TryClaimSendAsync(string residentKey, DateTimeOffset now, CodeSendLimits limits, CancellationToken cancellationToken)
    {
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(residentKey, SentRow, cancellationToken: cancellationToken);
        var previous = existing.HasValue ? existing.Value : null;
        var (hourStart, hourCount) = Window(previous, "Hour", now, TimeSpan.FromHours(1));
        var (dayStart, dayCount) = Window(previous, "Day", now, TimeSpan.FromDays(1));
        var nextAt = (previous?.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue) + limits.Interval;
        if (hourCount >= limits.PerHour)
        {
            nextAt = Max(nextAt, hourStart + TimeSpan.FromHours(1));
        }

        if (dayCount >= limits.PerDay)
        {
            nextAt = Max(nextAt, dayStart + TimeSpan.FromDays(1));
        }

        if (now < nextAt)
        {
            return new(false, nextAt - now, default);
        }

        var sent = new TableEntity(residentKey, SentRow)
        {
            ["SentAt"] = now,
            ["HourStart"] = hourStart,
            ["HourCount"] = hourCount + 1,
            ["DayStart"] = dayStart,
            ["DayCount"] = dayCount + 1,
        };
        try
        {
            var response = previous is null
                ? await _table.AddEntityAsync(sent, cancellationToken)
                : await _table.UpdateEntityAsync(sent, previous.ETag, TableUpdateMode.Replace, cancellationToken);
            return new(true, TimeSpan.Zero, response.Headers.ETag ?? ETag.All, previous);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another request for the same mobile claimed it a moment ago.
            return new(false, limits.Interval, default);
        }
    }

    /// <summary>Gives a claim back when no text went out (the counts as they were), so the resident may try again at once.</summary>
    public async Task ReleaseSendAsync(string residentKey, CodeSendClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            if (claim.Previous is { } previous)
            {
                var restored = new TableEntity(residentKey, SentRow);
                foreach (var name in SendRowFields.Where(previous.ContainsKey))
                {
                    restored[name] = previous[name];
                }

                await _table.UpdateEntityAsync(restored, claim.ETag, TableUpdateMode.Replace, cancellationToken);
            }
            else
            {
                await _table.DeleteEntityAsync(residentKey, SentRow, claim.ETag, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone or claimed again since: nothing to give back.
        }
    }

    /// <summary>
    /// Stores the objection waiting for its code, replacing any earlier one of the resident for the case (and its code),
    /// and sets the timer that tidies it (and the mobile's send count) away once neither is of use.
    /// </summary>
    public async Task<ETag> PutAsync(PendingObjection pending, CancellationToken cancellationToken)
    {
        await _timers.AddPendingObjectionTidyAsync(pending.CaseId, pending.ResidentKey, pending.ExpiresAt + KeptAfterExpiry, cancellationToken);
        var response = await _table.UpsertEntityAsync(
            new TableEntity(pending.ResidentKey, Row(pending))
            {
                ["CodeHash"] = pending.CodeHash,
                ["Reason"] = protector.Protect(pending.Reason),
                ["ExpiresAt"] = pending.ExpiresAt,
                ["TriesLeft"] = pending.TriesLeft,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        return response.Headers.ETag ?? ETag.All;
    }

    /// <summary>
    /// The objection the request with <paramref name="challengeHash"/> left waiting for its code, or null (none, or its
    /// reason unreadable under another key).
    /// </summary>
    public async Task<PendingObjection?> GetAsync(string residentKey, string caseId, string challengeHash, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(residentKey, Row(caseId, challengeHash), cancellationToken: cancellationToken);
        if (!found.HasValue
            || found.Value!.GetString("CodeHash") is not { } codeHash
            || found.Value.GetString("Reason") is not { } reason
            || protector.Unprotect(reason) is not { } plain)
        {
            return null;
        }

        var row = found.Value;
        return new(residentKey, caseId, challengeHash, codeHash, plain, row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, row.GetInt32("TriesLeft") ?? 0, row.ETag);
    }

    /// <summary>
    /// Spends one try before the code is compared, so every guess is paid for however many arrive at once. The row as
    /// it now is (a try fewer, its new ETag), or null when it changed or went since it was read.
    /// </summary>
    public async Task<PendingObjection?> TrySpendTryAsync(PendingObjection pending, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(new TableEntity(pending.ResidentKey, Row(pending)) { ["TriesLeft"] = pending.TriesLeft - 1 }, pending.ETag, TableUpdateMode.Merge, cancellationToken);
            return pending with { TriesLeft = pending.TriesLeft - 1, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Gives back the try a right code spent when raising the objection failed, so the resident may confirm again.</summary>
    public async Task RefundTryAsync(PendingObjection spent, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(spent.ResidentKey, Row(spent)) { ["TriesLeft"] = spent.TriesLeft + 1 }, spent.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Changed or gone since: nothing to give back.
        }
    }

    /// <summary>
    /// Removes the row as it was read (confirmed, expired, or out of tries). Exactly one of several concurrent callers
    /// gets true; the others find the row changed or gone.
    /// </summary>
    public async Task<bool> TryRemoveAsync(PendingObjection pending, CancellationToken cancellationToken)
    {
        try
        {
            // The SDK answers a delete of a missing entity with its 404 response rather than an exception.
            var response = await _table.DeleteEntityAsync(pending.ResidentKey, Row(pending), pending.ETag, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// What the sweep does when a tidy timer is due: removes the resident's objections to the case whose codes have
    /// expired (a newer request's is left, with its own timer) and the mobile's send count once its day is over. Never
    /// an unexpired code.
    /// </summary>
    public async Task TidyAsync(string residentKey, string caseId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var prefix = Row(caseId, "");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {residentKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
        await foreach (var waiting in _table.QueryAsync<TableEntity>(filter, select: ["RowKey", "ExpiresAt"], cancellationToken: cancellationToken))
        {
            if (waiting.GetDateTimeOffset("ExpiresAt") is { } expires && expires <= now)
            {
                await DeleteIfUnchangedAsync(residentKey, waiting.RowKey, waiting.ETag, cancellationToken);
            }
        }

        var sent = await _table.GetEntityIfExistsAsync<TableEntity>(residentKey, SentRow, select: ["SentAt", "DayStart"], cancellationToken: cancellationToken);
        if (sent.HasValue && sent.Value!.GetDateTimeOffset("SentAt") is { } last && last + KeptAfterExpiry <= now
            && (sent.Value.GetDateTimeOffset("DayStart") ?? last) + TimeSpan.FromDays(1) <= now)
        {
            await DeleteIfUnchangedAsync(residentKey, SentRow, sent.Value.ETag, cancellationToken);
        }
    }

    private async Task DeleteIfUnchangedAsync(string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone, or renewed by a new request since it was read: it stays.
        }
    }

    private static string Row(string caseId, string challengeHash) => $"case-{caseId}|{challengeHash}";

    private static string Row(PendingObjection pending) => Row(pending.CaseId, pending.ChallengeHash);

    /// <summary>A counting window of the send row: its start and count, or a new window from now once it has run out.</summary>
    private static (DateTimeOffset Start, int Count) Window(TableEntity? row, string name, DateTimeOffset now, TimeSpan length) =>
        row?.GetDateTimeOffset(name + "Start") is { } start && now < start + length
            ? (start, row.GetInt32(name + "Count") ?? 0)
            : (now, 0);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
