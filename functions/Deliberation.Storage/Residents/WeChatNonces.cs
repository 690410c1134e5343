using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;

namespace Deliberation.Storage.Residents;

/// <summary>
/// The signed query strings WeChat's pushes have used (timestamp, nonce, signature), shared by every instance
/// (<c>wechatnonces</c>, PartitionKey = the UTC day of the timestamp). A signed URL may carry one body: WeChat's own
/// redelivery of a push sends the same body again and is let through (intake dedupes it by MsgId); the same URL with
/// another body is a replay of a captured URL and is refused. In plaintext mode the URL's signature does not cover the
/// body, which is why the body is bound here.
/// </summary>
public sealed class WeChatNonces(StorageClients clients)
{
    private readonly TableClient _table = clients.Table(clients.Names.WeChatNonces);

    /// <summary>True when this signed URL is new, or was seen with this same body; false for a replay with another body.</summary>
    public async Task<bool> ClaimAsync(long timestamp, string nonce, string signature, string body, CancellationToken cancellationToken)
    {
        var day = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799)).UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var key = Hash($"{timestamp}|{nonce}|{signature}");
        var bodyHash = Hash(body);
        try
        {
            await _table.AddEntityAsync(new TableEntity(day, key) { ["Body"] = bodyHash }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var seen = await _table.GetEntityIfExistsAsync<TableEntity>(day, key, cancellationToken: cancellationToken);
            return seen.HasValue && seen.Value?.GetString("Body") == bodyHash;
        }
    }

    /// <summary>Deletes the days older than yesterday: a signed timestamp that old is refused anyway.</summary>
    public async Task<int> TidyAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keep = now.UtcDateTime.AddDays(-1).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var deleted = 0;
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {keep}"), maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Another instance tidied it.
            }

            if (deleted >= 1000)
            {
                break;
            }
        }

        return deleted;
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
