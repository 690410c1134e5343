using Azure;
using Azure.Data.Tables;

namespace Deliberation.Storage.Residents;

/// <summary>
/// A 异议 made on the public page, waiting for the code texted to the mobile it names. <c>CodeHash</c> is a keyed hash
/// of the code bound to the case and resident; <c>ETag</c> is the row's, so spending a try or taking the objection is
/// conditional on nobody else having done so.
/// </summary>
public sealed record PendingObjection(string ResidentKey, string CaseId, string CodeHash, string Reason, DateTimeOffset ExpiresAt, int TriesLeft, ETag ETag);

/// <summary>Whether a code may be texted to a mobile now and, if not, how long until it may.</summary>
public readonly record struct CodeSendClaim(bool Claimed, TimeSpan RetryAfter, ETag ETag);

/// <summary>
/// Table <c>pendingobjections</c>: PartitionKey = the resident's key (a keyed hash of the mobile, never the number),
/// RowKey = <c>case-{caseId}</c> for an objection waiting for its code (the reason encrypted, as contacts are), and
/// RowKey = <c>code-sent</c> for when a code last went to that mobile, which limits texts per mobile across cases.
/// </summary>
public sealed class PendingObjections(StorageClients clients, PersonalDataProtector protector)
{
    private const string SentRow = "code-sent";
    private readonly TableClient _table = clients.Table(clients.Names.PendingObjections);

    /// <summary>
    /// Claims the mobile's one text per <paramref name="interval"/>. Conditional on the row's ETag (or on its absence),
    /// so two requests at once cannot both claim it.
    /// </summary>
    public async Task<CodeSendClaim> TryClaimSendAsync(string residentKey, DateTimeOffset now, TimeSpan interval, CancellationToken cancellationToken)
    {
        var sent = new TableEntity(residentKey, SentRow) { ["SentAt"] = now };
        var existing = await _table.GetEntityIfExistsAsync<TableEntity>(residentKey, SentRow, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue)
            {
                var added = await _table.AddEntityAsync(sent, cancellationToken);
                return new(true, TimeSpan.Zero, added.Headers.ETag ?? ETag.All);
            }

            var nextAt = (existing.Value!.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue) + interval;
            if (now < nextAt)
            {
                return new(false, nextAt - now, default);
            }

            var updated = await _table.UpdateEntityAsync(sent, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return new(true, TimeSpan.Zero, updated.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another request for the same mobile claimed it a moment ago.
            return new(false, interval, default);
        }
    }

    /// <summary>Gives a claim back when no text went out, so the resident may try again at once.</summary>
    public async Task ReleaseSendAsync(string residentKey, CodeSendClaim claim, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(residentKey, SentRow, claim.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Gone or claimed again since: nothing to give back.
        }
    }

    /// <summary>Stores the objection waiting for its code, replacing any earlier one of the resident for the case (and its code).</summary>
    public async Task<ETag> PutAsync(PendingObjection pending, CancellationToken cancellationToken)
    {
        var response = await _table.UpsertEntityAsync(
            new TableEntity(pending.ResidentKey, Row(pending.CaseId))
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

    /// <summary>The resident's objection to the case waiting for its code, or null (none, or its reason unreadable under another key).</summary>
    public async Task<PendingObjection?> GetAsync(string residentKey, string caseId, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(residentKey, Row(caseId), cancellationToken: cancellationToken);
        if (!found.HasValue
            || found.Value!.GetString("CodeHash") is not { } codeHash
            || found.Value.GetString("Reason") is not { } reason
            || protector.Unprotect(reason) is not { } plain)
        {
            return null;
        }

        var row = found.Value;
        return new(residentKey, caseId, codeHash, plain, row.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue, row.GetInt32("TriesLeft") ?? 0, row.ETag);
    }

    /// <summary>One wrong code: a try fewer. False when the row changed or went since it was read.</summary>
    public async Task<bool> TrySpendTryAsync(PendingObjection pending, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(pending.ResidentKey, Row(pending.CaseId)) { ["TriesLeft"] = pending.TriesLeft - 1 }, pending.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
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
            var response = await _table.DeleteEntityAsync(pending.ResidentKey, Row(pending.CaseId), pending.ETag, cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static string Row(string caseId) => "case-" + caseId;
}
