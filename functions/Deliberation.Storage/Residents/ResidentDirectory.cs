using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;

namespace Deliberation.Storage.Residents;

/// <summary>How a reporter's contact is stored: encrypted, with keyed hashes to find it by.</summary>
/// <param name="AnonymousKey">For a reporter who left no contact (a withheld number): a key made of the channel and its message id,
/// so a redelivery of the same report is known as such.</param>
public sealed record StoredReporter(Channel Channel, string? PhoneProtected, string? PhoneHash, string? WeChatProtected, string? WeChatHash, string? AnonymousKey = null);

/// <summary>One case in a resident's own list.</summary>
public sealed record ResidentCase(string CaseId, Channel Channel, DateTimeOffset At);

/// <summary>
/// Residents as the system knows them: by a keyed hash of their phone number or WeChat id (a resident
/// writing from both has two identities), each with the list of their cases and, for SMS, an opt-out.
/// </summary>
public sealed class ResidentDirectory(StorageClients clients, PersonalDataProtector protector)
{
    private const string SmsOptOut = "sms";
    private readonly TableClient _cases = clients.Table(clients.Names.ResidentCases);
    private readonly TableClient _optOuts = clients.Table(clients.Names.OptOuts);

    public PersonalDataProtector Protector => protector;

    /// <summary>The resident's key for a phone number (E.164 or digits as given by the channel).</summary>
    public string PhoneKey(string phone) => "p" + protector.Hash(PhoneDigits(phone));

    public string WeChatKey(string openId) => "w" + protector.Hash(openId);

    public IEnumerable<string> KeysOf(Reporter reporter)
    {
        if (reporter.Phone is { } phone)
        {
            yield return PhoneKey(phone);
        }

        if (reporter.WeChatOpenId is { } openId)
        {
            yield return WeChatKey(openId);
        }
    }

    public StoredReporter Protect(Reporter reporter) => new(
        reporter.Channel,
        reporter.Phone is null ? null : protector.Protect(reporter.Phone),
        reporter.Phone is null ? null : PhoneKey(reporter.Phone),
        reporter.WeChatOpenId is null ? null : protector.Protect(reporter.WeChatOpenId),
        reporter.WeChatOpenId is null ? null : WeChatKey(reporter.WeChatOpenId));

    /// <summary>The contact in the clear, for sending; fields protected with another key come back null.</summary>
    public Reporter Reveal(StoredReporter stored) => new(
        stored.Channel,
        stored.PhoneProtected is null ? null : protector.Unprotect(stored.PhoneProtected),
        stored.WeChatProtected is null ? null : protector.Unprotect(stored.WeChatProtected));

    public async Task AddCaseAsync(Reporter reporter, string caseId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var key in KeysOf(reporter))
        {
            await _cases.UpsertEntityAsync(new TableEntity(key, caseId) { ["Channel"] = reporter.Channel.ToString(), ["At"] = at }, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>The resident's cases, newest first.</summary>
    public async Task<IReadOnlyList<ResidentCase>> CasesAsync(string residentKey, int max, CancellationToken cancellationToken)
    {
        var items = new List<ResidentCase>();
        await foreach (var row in _cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {residentKey}"), cancellationToken: cancellationToken))
        {
            items.Add(new ResidentCase(row.RowKey, Enum.TryParse<Channel>(row.GetString("Channel"), out var channel) ? channel : Channel.Sms, row.GetDateTimeOffset("At") ?? default));
        }

        return items.OrderByDescending(c => c.CaseId, StringComparer.Ordinal).Take(max).ToList();
    }

    public async Task SetSmsOptOutAsync(string phone, bool optOut, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (optOut)
        {
            await _optOuts.UpsertEntityAsync(new TableEntity(SmsOptOut, PhoneKey(phone)) { ["At"] = at }, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        try
        {
            await _optOuts.DeleteEntityAsync(SmsOptOut, PhoneKey(phone), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Was not opted out.
        }
    }

    public async Task<bool> IsSmsOptedOutAsync(string phone, CancellationToken cancellationToken)
    {
        var row = await _optOuts.GetEntityIfExistsAsync<TableEntity>(SmsOptOut, PhoneKey(phone), cancellationToken: cancellationToken);
        return row.HasValue;
    }

    /// <summary>+86 138 0013 8000, 8613800138000 and 13800138000 are one resident.</summary>
    public static string PhoneDigits(string phone)
    {
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal) ? digits[2..] : digits;
    }
}
