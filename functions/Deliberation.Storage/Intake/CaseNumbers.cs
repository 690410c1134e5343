using Azure;
using Azure.Data.Tables;

namespace Deliberation.Storage.Intake;

/// <summary>
/// Case numbers residents can read out and type into an SMS: the local date and a daily sequence
/// (e.g. 202611230007), allocated by an ETag-checked counter row per day.
/// </summary>
/// <remarks>
/// Numbers asked for at the same time are taken in one write, and the counter row as last written is kept with its ETag,
/// so a busy intake pays one request per group of numbers instead of a read, a write and the retries of a race for
/// each. Another instance writing the row makes the kept ETag stale: the write is refused and the row read again. No
/// number is skipped: every number taken is handed to a waiting request.
/// </remarks>
public sealed class CaseNumbers(StorageClients clients, TimeProvider time, Directory.TownState town)
{
    private const string Partition = "case-number";
    private readonly TableClient _table = clients.Table(clients.Names.Counters);
    private readonly Lock _gate = new();
    private readonly List<TaskCompletionSource<string>> _waiting = [];
    private bool _taking;
    private TableEntity? _counter;

    public Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var ticket = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        bool lead;
        lock (_gate)
        {
            _waiting.Add(ticket);
            lead = !_taking;
            _taking = true;
        }

        if (lead)
        {
            _ = TakeForWaitingAsync();
        }

        return ticket.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Serves whoever waits, a group at a time, until nobody does.</summary>
    private async Task TakeForWaitingAsync()
    {
        while (true)
        {
            List<TaskCompletionSource<string>> group;
            lock (_gate)
            {
                if (_waiting.Count == 0)
                {
                    _taking = false;
                    return;
                }

                group = [.. _waiting];
                _waiting.Clear();
            }

            try
            {
                var (day, first) = await TakeAsync(group.Count);
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].TrySetResult(Format(day, first + i));
                }
            }
            catch (Exception e)
            {
                foreach (var ticket in group)
                {
                    ticket.TrySetException(e);
                }
            }
        }
    }

    /// <summary>Takes <paramref name="count"/> consecutive numbers of today; returns the day and the first of them.</summary>
    private async Task<(string Day, long First)> TakeAsync(int count)
    {
        var day = TimeZoneInfo.ConvertTime(time.GetUtcNow(), town.Zone).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        while (true)
        {
            var row = _counter is { } kept && kept.RowKey == day ? kept : await ReadAsync(day);
            try
            {
                if (row is null)
                {
                    var created = new TableEntity(Partition, day) { ["Next"] = 1L + count };
                    Keep(created, await _table.AddEntityAsync(created));
                    return (day, 1);
                }

                var next = row.GetInt64("Next") ?? 1;
                var updated = new TableEntity(Partition, day) { ["Next"] = next + count };
                Keep(updated, await _table.UpdateEntityAsync(updated, row.ETag, TableUpdateMode.Replace));
                return (day, next);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance took numbers since: read the row again.
                _counter = null;
            }
        }
    }

    private async Task<TableEntity?> ReadAsync(string day)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, day);
        return row.HasValue ? row.Value : null;
    }

    private void Keep(TableEntity row, Response response)
    {
        if (response.Headers.ETag is { } etag)
        {
            row.ETag = etag;
            _counter = row;
        }
        else
        {
            _counter = null;
        }
    }

    private static string Format(string day, long sequence) => $"{day}{sequence:D4}";
}
