using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Access;
using Deliberation.Storage.Cases;

namespace Deliberation.Storage.Follows;

/// <summary>
/// Follower keys: a representative is <c>rep:{id}</c> (so an explicit follow and the constituency's automatic one are
/// the same follower), anyone else <c>user:{userId}</c>. The key is also the recipient of followers' notices.
/// </summary>
public static class FollowerKey
{
    public const string RepresentativePrefix = "rep:";
    public const string UserPrefix = "user:";

    public static string Representative(string representativeId) => RepresentativePrefix + CaseRowsKey.For(representativeId);

    public static string User(string userId) => UserPrefix + CaseRowsKey.For(userId);

    public static string Of(StaffUser user) => user.RepresentativeId is { } id ? Representative(id) : User(user.UserId);
}

/// <summary>One explicit follow, as its follower lists it.</summary>
public sealed record Follow(string Follower, string CaseId, DateTimeOffset Since);

/// <summary>
/// Explicit follows (table <c>follows</c>): PartitionKey = follower key, RowKey = case id, for "what do I follow"; and
/// the reverse, PartitionKey = <c>case:{caseId}</c>, RowKey = follower key, for "who follows this case" when a notice
/// goes out. Both rows are written on follow and removed on unfollow; each write is idempotent, so a retry completes
/// a half-done follow. Follower keys never start with <c>case:</c>, so the two kinds of partition cannot meet.
/// </summary>
public sealed class FollowStore(StorageClients clients)
{
    private const string CasePrefix = "case:";

    private readonly TableClient _table = clients.Table(clients.Names.Follows);

    /// <summary>Follows the case; a second follow keeps the first one's date.</summary>
    public async Task<Follow> FollowAsync(string follower, string caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // The reverse row first: a follow that the notices know of but the follower's list lacks is retried by the
        // client; the other way round, the follower would think they follow and hear nothing.
        await AddOnceAsync(new TableEntity(CasePrefix + caseId, follower) { ["Since"] = at }, cancellationToken);
        var since = await AddOnceAsync(new TableEntity(follower, caseId) { ["Since"] = at }, cancellationToken);
        return new Follow(follower, caseId, since ?? at);
    }

    public async Task UnfollowAsync(string follower, string caseId, CancellationToken cancellationToken)
    {
        await DeleteAsync(follower, caseId, cancellationToken);
        await DeleteAsync(CasePrefix + caseId, follower, cancellationToken);
    }

    /// <summary>The explicit followers of a case (their keys).</summary>
    public async Task<IReadOnlyList<string>> FollowersOfAsync(string caseId, CancellationToken cancellationToken)
    {
        var followers = new List<string>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CasePrefix + caseId}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            followers.Add(row.RowKey);
        }

        return followers;
    }

    /// <summary>One page of the cases a follower follows, in case-id order.</summary>
    public async Task<(IReadOnlyList<Follow> Items, string? Continuation)> FollowsAsync(string follower, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {follower}");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return (page.Values.Select(r => new Follow(r.PartitionKey, r.RowKey, r.GetDateTimeOffset("Since") ?? default)).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Adds the row; when it is there already, the date it was first added.</summary>
    private async Task<DateTimeOffset?> AddOnceAsync(TableEntity row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
            return existing.HasValue ? existing.Value!.GetDateTimeOffset("Since") : null;
        }
    }

    private async Task DeleteAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not followed (any more): nothing to undo.
        }
    }
}
