using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Meetings;

/// <summary>A message for a case, stored with the meeting change that asked for it until the case has it (the outbox).</summary>
public sealed record PendingCaseMessage(string CaseId, string ItemId, CaseMessage Message, DateTimeOffset QueuedAt);

/// <summary>
/// A meeting as stored: the meeting, the case messages not yet delivered, and the idempotency keys of the
/// latest requests applied to it (so a retried request changes it once).
/// </summary>
public sealed record MeetingRecord(Meeting Meeting, IReadOnlyList<PendingCaseMessage> Pending, IReadOnlyList<string> Requests);

public enum MeetingChangeKind
{
    Applied,

    /// <summary>The request was applied before (same Idempotency-Key); nothing changed this time.</summary>
    Duplicate,

    /// <summary>The meeting refused the change; nothing was stored.</summary>
    Refused,
    NotFound,
}

public sealed record MeetingChange(MeetingChangeKind Kind, MeetingRecord? Record, string? Refusal = null);

/// <summary>
/// The <c>meetings</c> table: PartitionKey = committee, RowKey = meeting id, the record as JSON (split over
/// properties to stay within a property's 64 KiB). A change and the case messages it causes are one row write,
/// ETag checked, retried on 412 against fresh state. Two small index partitions make meeting ids unique across
/// the town (<see cref="IdPartition"/>, also how a meeting is found by id alone) and remember which meeting an
/// idempotent schedule request created (<see cref="RequestPartition"/>).
/// </summary>
public sealed class MeetingStore(StorageClients clients)
{
    public const string IdPartition = "~id";
    public const string RequestPartition = "~request";
    private const int MaxAttempts = 10;
    private const int MaxRememberedRequests = 100;
    private const int PartChars = 30_000;

    private readonly TableClient _table = clients.Table(clients.Names.Meetings);

    public async Task<(MeetingRecord Record, ETag ETag)?> GetAsync(string meetingId, CancellationToken cancellationToken)
    {
        if (!IsValidKey(meetingId))
        {
            return null;
        }

        var index = await _table.GetEntityIfExistsAsync<TableEntity>(IdPartition, meetingId, cancellationToken: cancellationToken);
        return index.HasValue && index.Value?.GetString("Committee") is { } committee
            ? await GetAsync(committee, meetingId, cancellationToken)
            : null;
    }

    public async Task<(MeetingRecord Record, ETag ETag)?> GetAsync(string committee, string meetingId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(committee, meetingId, cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? (Read(entity), entity.ETag) : null;
    }

    /// <summary>Every meeting of a committee (a committee holds a few a month, so one partition query).</summary>
    public async Task<IReadOnlyList<MeetingRecord>> ListCommitteeAsync(string committee, CancellationToken cancellationToken)
    {
        var records = new List<MeetingRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {committee}"), cancellationToken: cancellationToken))
        {
            records.Add(Read(row));
        }

        return records;
    }

    /// <summary>
    /// One page of the meetings of a committee that took place (held, or held and closed), in the order of their ids (the
    /// meeting's date first), from <paramref name="from"/> on when given: a query of the committee's partition, paged by
    /// the table itself, so an anonymous reader never makes the app read more than a page.
    /// </summary>
    public async Task<(IReadOnlyList<MeetingRecord> Items, string? Continuation)> ListHeldAsync(
        string committee, DateOnly? from, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var held = MeetingStatus.Held.ToString();
        var closed = MeetingStatus.Closed.ToString();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {committee} and RowKey ge {from?.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) ?? ""} and (Status eq {held} or Status eq {closed})");
        await foreach (var page in _table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize))
        {
            return (page.Values.Select(Read).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Meetings with case messages queued before <paramref name="queuedBefore"/> and still not delivered.</summary>
    public async Task<IReadOnlyList<(string Committee, string MeetingId)>> WithPendingAsync(DateTimeOffset queuedBefore, int max, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"HasPending eq {true} and PendingSince le {queuedBefore}");
        var found = new List<(string, string)>();
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            found.Add((row.PartitionKey, row.RowKey));
            if (found.Count >= max)
            {
                break;
            }
        }

        return found;
    }

    /// <summary>
    /// Calls a meeting under a fresh id unique in the town (<c>yyyyMMdd-xxxx</c>, the meeting's local date). With a
    /// <paramref name="requestKey"/>, a retried request finds the meeting the first one created.
    /// </summary>
    public async Task<MeetingChange> ScheduleAsync(string committee, DateOnly date, Func<string, MeetingResult> schedule, string? requestKey, CancellationToken cancellationToken)
    {
        string? meetingId = null;
        if (requestKey is not null)
        {
            var earlier = await _table.GetEntityIfExistsAsync<TableEntity>(RequestPartition, RequestRowKey(requestKey), cancellationToken: cancellationToken);
            if (earlier.HasValue && earlier.Value is { } request)
            {
                meetingId = request.GetString("MeetingId")!;
                if (await GetAsync(request.GetString("Committee")!, meetingId, cancellationToken) is { } done)
                {
                    return new MeetingChange(MeetingChangeKind.Duplicate, done.Record);
                }
            }
        }

        // Validate before any row exists, so a refused request leaves nothing behind.
        var probe = schedule(meetingId ?? "-");
        if (probe.Refusal is { } refusal)
        {
            return new MeetingChange(MeetingChangeKind.Refused, null, refusal);
        }

        if (meetingId is null)
        {
            meetingId = await ReserveIdAsync(committee, date, cancellationToken);
            if (requestKey is not null)
            {
                try
                {
                    await _table.AddEntityAsync(new TableEntity(RequestPartition, RequestRowKey(requestKey)) { ["Committee"] = committee, ["MeetingId"] = meetingId }, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    // A concurrent copy of the same request got there first: create (or find) its meeting, not a second one.
                    await _table.DeleteEntityAsync(IdPartition, meetingId, cancellationToken: cancellationToken);
                    var winner = await _table.GetEntityAsync<TableEntity>(RequestPartition, RequestRowKey(requestKey), cancellationToken: cancellationToken);
                    meetingId = winner.Value.GetString("MeetingId")!;
                }
            }
        }

        var created = schedule(meetingId).Meeting!;
        var record = new MeetingRecord(created, [], requestKey is null ? [] : [requestKey]);
        try
        {
            await _table.AddEntityAsync(ToRow(record), cancellationToken);
            return new MeetingChange(MeetingChangeKind.Applied, record);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await GetAsync(committee, meetingId, cancellationToken);
            return new MeetingChange(MeetingChangeKind.Duplicate, existing?.Record);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored meeting and appends the case messages it causes, in one
    /// ETag-checked write; on a concurrent change it decides again on fresh state.
    /// </summary>
    public async Task<MeetingChange> ChangeAsync(string meetingId, Func<Meeting, MeetingResult> change, string? requestKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(meetingId, cancellationToken) is not { } loaded)
            {
                return new MeetingChange(MeetingChangeKind.NotFound, null, $"No meeting {meetingId}.");
            }

            var (record, etag) = loaded;
            if (requestKey is not null && record.Requests.Contains(requestKey))
            {
                return new MeetingChange(MeetingChangeKind.Duplicate, record);
            }

            var result = change(record.Meeting);
            if (result.Meeting is not { } changed)
            {
                return new MeetingChange(MeetingChangeKind.Refused, record, result.Refusal);
            }

            var next = new MeetingRecord(
                changed,
                [.. record.Pending, .. result.Notices.Select(n => new PendingCaseMessage(n.CaseId, n.ItemId, n.Message, now))],
                requestKey is null ? record.Requests : [.. record.Requests.TakeLast(MaxRememberedRequests - 1), requestKey]);
            if (await TryReplaceAsync(next, etag, cancellationToken))
            {
                return new MeetingChange(MeetingChangeKind.Applied, next);
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Meeting {meetingId} kept changing under {MaxAttempts} attempts.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
        }
    }

    /// <summary>Rewrites the record with <paramref name="update"/> (null: nothing to change), ETag checked and retried.</summary>
    public async Task<MeetingRecord?> UpdateAsync(string committee, string meetingId, Func<MeetingRecord, MeetingRecord?> update, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await GetAsync(committee, meetingId, cancellationToken) is not { } loaded)
            {
                return null;
            }

            if (update(loaded.Record) is not { } next)
            {
                return loaded.Record;
            }

            if (await TryReplaceAsync(next, loaded.ETag, cancellationToken))
            {
                return next;
            }

            if (attempt >= MaxAttempts)
            {
                throw new InvalidOperationException($"Meeting {meetingId} kept changing under {MaxAttempts} attempts.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
        }
    }

    private async Task<bool> TryReplaceAsync(MeetingRecord record, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(ToRow(record), etag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    private async Task<string> ReserveIdAsync(string committee, DateOnly date, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = $"{date:yyyyMMdd}-{Random.Shared.Next(0x10000):x4}";
            try
            {
                await _table.AddEntityAsync(new TableEntity(IdPartition, id) { ["Committee"] = committee }, cancellationToken);
                return id;
            }
            catch (RequestFailedException e) when (e.Status == 409 && attempt < 50)
            {
                // Taken (by another committee's meeting that day): draw again.
            }
        }
    }

    private static string RequestRowKey(string requestKey) =>
        "schedule-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestKey)))[..32];

    /// <summary>A meeting id as it may appear in a row key (no '/', '\\', '#', '?' or control characters).</summary>
    private static bool IsValidKey(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static TableEntity ToRow(MeetingRecord record)
    {
        var meeting = record.Meeting;
        var json = JsonSerializer.Serialize(record, StorageJson.Store.MeetingRecord);
        var row = new TableEntity(meeting.CommitteeId, meeting.MeetingId)
        {
            ["Status"] = meeting.Status.ToString(),
            ["Type"] = meeting.Type.ToString(),
            ["StartsAt"] = meeting.StartsAt,
            ["Version"] = meeting.Version,
            ["HasPending"] = record.Pending.Count > 0,
        };
        if (record.Pending.Count > 0)
        {
            row["PendingSince"] = record.Pending.Min(p => p.QueuedAt);
        }

        var parts = 0;
        for (var start = 0; start < json.Length; start += PartChars)
        {
            row[$"Json{parts++}"] = json.Substring(start, Math.Min(PartChars, json.Length - start));
        }

        row["Parts"] = parts;
        return row;
    }

    private static MeetingRecord Read(TableEntity row)
    {
        var parts = row.GetInt32("Parts") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            json.Append(row.GetString($"Json{i}"));
        }

        return JsonSerializer.Deserialize(json.ToString(), StorageJson.Store.MeetingRecord)
            ?? throw new InvalidDataException($"Meeting {row.RowKey} has no stored record.");
    }
}
