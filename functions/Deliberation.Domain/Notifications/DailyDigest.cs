using System.Globalization;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Notifications;

/// <summary>One milestone of a followed case, kept for its follower's daily digest.</summary>
/// <param name="Recipient">The follower key (<c>rep:{id}</c> or <c>user:{id}</c>).</param>
/// <param name="Milestone">Dispatched, Responded, Decided or Reopened (the workflow's <c>milestone</c> notice data).</param>
public sealed record DigestEntry(string Recipient, string CaseId, string Milestone, CaseStatus? Status, string? UnitId, DateTimeOffset At);

/// <summary>The cases that reached one milestone, in the order they reached it.</summary>
public sealed record DigestGroup(string Milestone, IReadOnlyList<string> CaseIds);

/// <summary>
/// The followers' daily digest (每日动态): the day's milestones of the cases a follower follows, grouped by kind,
/// sent once a day at <see cref="SendAt"/> in the town's zone. A digest day runs from the previous day's send
/// time to its own, so a milestone after the send time waits for the next day's digest instead of being lost.
/// </summary>
public static class DailyDigest
{
    /// <summary>18:00 in the town's zone: the end of the working day (the Functions timer: <c>0 0 10 * * *</c> UTC for Shanghai).</summary>
    public static readonly TimeOnly SendAt = new(18, 0);

    /// <summary>Case ids listed per group; the rest are counted ("等N件").</summary>
    public const int MaxCasesPerGroup = 20;

    /// <summary>The kinds the workflow reports, in the order the digest lists them.</summary>
    public static readonly IReadOnlyList<string> Kinds = [Milestones.Dispatched, Milestones.Responded, Milestones.Decided, Milestones.Reopened];

    /// <summary>The day whose digest carries a milestone that happened at <paramref name="at"/>.</summary>
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        return TimeOnly.FromDateTime(local.DateTime) >= SendAt ? day.AddDays(1) : day;
    }

    /// <summary>When the digest of <paramref name="day"/> is sent.</summary>
    public static DateTimeOffset SendTimeOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(SendAt);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The first send time strictly after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextSendAfter(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var send = SendTimeOf(today, zone);
        return send > now ? send : SendTimeOf(today.AddDays(1), zone);
    }

    /// <summary>The latest day whose digest is due at <paramref name="now"/> (today from the send time on, else yesterday).</summary>
    public static DateOnly LatestDueDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        return SendTimeOf(today, zone) <= now ? today : today.AddDays(-1);
    }

    /// <summary>The recipient's milestones grouped by kind (known kinds first, in their order); a case counts once per group.</summary>
    public static IReadOnlyList<DigestGroup> Groups(string recipient, IEnumerable<DigestEntry> entries) =>
        entries
            .Where(e => e.Recipient == recipient)
            .GroupBy(e => e.Milestone, StringComparer.Ordinal)
            .OrderBy(g => Kinds.IndexOf(g.Key) is var i and >= 0 ? i : Kinds.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new DigestGroup(g.Key, g.OrderBy(e => e.At).ThenBy(e => e.CaseId, StringComparer.Ordinal).Select(e => e.CaseId).Distinct(StringComparer.Ordinal).ToList()))
            .ToList();

    /// <summary>The recipient's digest text for <paramref name="day"/>, or null when nothing happened to their cases.</summary>
    public static string? Compose(string recipient, DateOnly day, IEnumerable<DigestEntry> entries, string townName)
    {
        var groups = Groups(recipient, entries);
        return groups.Count == 0 ? null : NotificationText.Digest(townName, day, groups, MaxCasesPerGroup);
    }

    /// <summary>The digest day as a table partition key.</summary>
    public static string PartitionOf(DateOnly day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
