using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Deliberation.Storage.Residents;

namespace Deliberation.Storage.RateLimits;

/// <summary>A claim on a daily budget: whether it was granted, and the day it counts against (to give it back).</summary>
public readonly record struct BudgetClaim(bool Claimed, string Day);

/// <summary>
/// Counters shared by every instance on the storage account (table <c>ratelimits</c>), so a limit holds however many
/// hosts serve the app. Fixed windows: PartitionKey = the window's UTC start (<c>yyyyMMddHHmmss</c>), RowKey = a keyed
/// hash of the key (keys hold client addresses, which are not stored as they are); daily budgets: PartitionKey =
/// <c>budget</c>, RowKey = <c>{name}|{yyyyMMdd}</c>, kept as the record of each day. Every count is a conditional
/// write on the row's ETag (or on its absence), so two hosts at once never both take the last permit.
/// </summary>
public sealed class RateLimitCounters(StorageClients clients, PersonalDataProtector protector)
{
    /// <summary>Windows older than this are tidied away by the sweep.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);

    private const string BudgetPartition = "budget";
    private const int MaxAttempts = 8;
    private readonly TableClient _table = clients.Table(clients.Names.RateLimits);

    /// <summary>True when <paramref name="key"/> has a permit left in the window of <paramref name="window"/> that holds <paramref name="now"/>; takes it.</summary>
    public async Task<bool> TryAcquireAsync(string key, int permits, TimeSpan window, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % window.Ticks), TimeSpan.Zero);
        return await TryCountAsync(Bucket(start), protector.Hash("rate|" + key), permits, cancellationToken);
    }

    /// <summary>Takes one of the <paramref name="budget"/> of <paramref name="name"/> for the town's <paramref name="day"/>.</summary>
    public async Task<BudgetClaim> TryClaimDailyAsync(string name, DateOnly day, int budget, CancellationToken cancellationToken)
    {
        var row = BudgetRow(name, day);
        return new(await TryCountAsync(BudgetPartition, row, budget, cancellationToken), row);
    }

    /// <summary>Gives back a claim whose text never went out, so the day's budget counts only texts sent.</summary>
    public async Task ReleaseDailyAsync(BudgetClaim claim, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(BudgetPartition, claim.Day, cancellationToken: cancellationToken);
            if (!found.HasValue || (found.Value!.GetInt32("Count") ?? 0) <= 0)
            {
                return;
            }

            try
            {
                await _table.UpdateEntityAsync(new TableEntity(BudgetPartition, claim.Day) { ["Count"] = found.Value.GetInt32("Count")!.Value - 1 }, found.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Counted by another request meanwhile: read it again.
            }
        }
    }

    /// <summary>How many of <paramref name="name"/>'s budget the town's <paramref name="day"/> has used.</summary>
    public async Task<int> DailyCountAsync(string name, DateOnly day, CancellationToken cancellationToken)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(BudgetPartition, BudgetRow(name, day), cancellationToken: cancellationToken);
        return found.HasValue ? found.Value!.GetInt32("Count") ?? 0 : 0;
    }

    /// <summary>Deletes windows that ended more than <see cref="KeptFor"/> ago, at most a thousand a call.</summary>
    public async Task<int> TidyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Window partitions are digits, so "budget" never sorts below a window's start.
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {Bucket(now - KeptFor)}");
        var deleted = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Another instance tidied it.
            }

            if (++deleted >= 1000)
            {
                break;
            }
        }

        return deleted;
    }

    /// <summary>Counts one against the row when it is under <paramref name="permits"/>, conditional on the row as read.</summary>
    private async Task<bool> TryCountAsync(string partition, string row, int permits, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var found = await _table.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
            var count = found.HasValue ? found.Value!.GetInt32("Count") ?? 0 : 0;
            if (count >= permits)
            {
                return false;
            }

            try
            {
                var counted = new TableEntity(partition, row) { ["Count"] = count + 1 };
                if (found.HasValue)
                {
                    await _table.UpdateEntityAsync(counted, found.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _table.AddEntityAsync(counted, cancellationToken);
                }

                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another request (on this host or another) counted first: read the new count.
            }
        }

        // Still contended after every attempt: this key is being flooded, and the flood is what a limit refuses.
        return false;
    }

    private static string Bucket(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);

    private static string BudgetRow(string name, DateOnly day) => $"{name}|{day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}";
}
