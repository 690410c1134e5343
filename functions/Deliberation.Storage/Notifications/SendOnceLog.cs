using Azure;
using Azure.Data.Tables;
using Deliberation.Storage.Cases;

namespace Deliberation.Storage.Notifications;

/// <summary>
/// Makes a send happen once although its queue message may be delivered many times: a log row claims the
/// send, is released when the send fails (so the retry can send at once), and is marked sent after. A claim
/// left by a process that died while sending is taken over once it is older than the claim timeout.
/// </summary>
public sealed class SendOnceLog(StorageClients clients, TimeProvider time)
{
    /// <summary>How long a claim holds off every other sender of the same text.</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);
    private readonly TableClient _log = clients.Table(clients.Names.NotificationLog);

    /// <summary>Runs <paramref name="send"/> unless it already happened; throws (for a retry) while another process is sending it.</summary>
    public async Task SendOnceAsync(string partition, string id, Func<Task> send, CancellationToken cancellationToken)
    {
        var key = CaseRowsKey.For(id);
        if (await ClaimAsync(partition, key, cancellationToken) is not { } claim)
        {
            return;
        }

        try
        {
            await send();
        }
        catch
        {
            await ReleaseAsync(partition, key, claim);
            throw;
        }

        await _log.UpsertEntityAsync(new TableEntity(partition, key) { ["Status"] = "Sent", ["At"] = time.GetUtcNow() }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Whether the send was made or is being made (claimed): what is added for it now may miss it.</summary>
    public async Task<bool> IsClaimedAsync(string partition, string id, CancellationToken cancellationToken) =>
        (await _log.GetEntityIfExistsAsync<TableEntity>(partition, CaseRowsKey.For(id), select: ["Status"], cancellationToken: cancellationToken)).HasValue;

    private async Task<ETag?> ClaimAsync(string partition, string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        try
        {
            return (await _log.AddEntityAsync(new TableEntity(partition, key) { ["Status"] = "Sending", ["At"] = now }, cancellationToken)).Headers.ETag;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var row = (await _log.GetEntityAsync<TableEntity>(partition, key, cancellationToken: cancellationToken)).Value;
            if (row.GetString("Status") == "Sent")
            {
                return null;
            }

            if (now - (row.GetDateTimeOffset("At") ?? now) < ClaimTimeout)
            {
                throw new InvalidOperationException($"Send {key} is being made by another process; retry later.");
            }

            row["At"] = now;
            return (await _log.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag;
        }
    }

    private async Task ReleaseAsync(string partition, string key, ETag claim)
    {
        try
        {
            // Not cancellable: a failed send must not leave its claim behind.
            await _log.DeleteEntityAsync(partition, key, claim, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Already taken over or gone.
        }
    }
}
