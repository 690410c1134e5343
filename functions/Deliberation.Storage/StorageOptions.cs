using System.ComponentModel.DataAnnotations;

namespace Deliberation.Storage;

/// <summary>
/// Where the app keeps its tables and queues, and how it reaches them: a connection string (Azurite locally), or the
/// app's identity (<see cref="StorageAccess"/>) with the account name or the service endpoints, as in Azure, where
/// shared keys are off.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>An Azure Storage connection string (Azurite locally: <c>UseDevelopmentStorage=true</c>).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The account, reached with the app's identity at <c>https://{name}.{service}.core.windows.net</c>.</summary>
    public string? AccountName { get; set; }

    /// <summary>The table endpoint, reached with the app's identity (instead of, or overriding, the account name's).</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The queue endpoint, reached with the app's identity.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The blob endpoint: only the standalone host's workflow engine uses blobs (leases, large messages).</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>
    /// Prepended to every table and queue name, so that tests (and several towns on one account)
    /// do not share data. Lower-case letters and digits, starting with a letter.
    /// </summary>
    [RegularExpression("^([a-z][a-z0-9]{0,19})?$")]
    public string Prefix { get; set; } = "";
}

/// <summary>The names of every table and queue, with the prefix applied.</summary>
public sealed class StorageNames(string prefix)
{
    public string Cases { get; } = prefix + "cases";
    public string Timers { get; } = prefix + "timers";
    public string Intake { get; } = prefix + "intake";
    public string Counters { get; } = prefix + "counters";
    public string Directory { get; } = prefix + "directory";
    public string UnitCases { get; } = prefix + "unitcases";
    public string PublicCases { get; } = prefix + "publiccases";
    public string DevOutbox { get; } = prefix + "devoutbox";
    public string ResidentCases { get; } = prefix + "residentcases";
    public string OptOuts { get; } = prefix + "optouts";
    public string NotificationLog { get; } = prefix + "notificationlog";
    public string RecentCases { get; } = prefix + "recentcases";
    public string Corrections { get; } = prefix + "corrections";
    public string PendingAttachments { get; } = prefix + "pendingattachments";
    public string Meetings { get; } = prefix + "meetings";
    public string Follows { get; } = prefix + "follows";
    public string VillageCases { get; } = prefix + "villagecases";
    public string Digest { get; } = prefix + "digest";
    public string PendingObjections { get; } = prefix + "pendingobjections";
    public string Deliveries { get; } = prefix + "deliveries";
    public string WeChatNonces { get; } = prefix + "wechatnonces";
    public string RateLimits { get; } = prefix + "ratelimits";
    public string MonthlyCases { get; } = prefix + "monthlycases";
    public string WeChatInbox { get; } = QueueName(prefix, "wechat-inbox");

    public IEnumerable<string> Tables => [Cases, Timers, Intake, Counters, Directory, UnitCases, PublicCases, DevOutbox, ResidentCases, OptOuts, NotificationLog, RecentCases, Corrections, PendingAttachments, Meetings, Follows, VillageCases, Digest, PendingObjections, Deliveries, WeChatNonces, RateLimits, MonthlyCases];

    public IEnumerable<string> Queues => [WeChatInbox, Poison(WeChatInbox)];

    /// <summary>Azure Functions' name for the queue that failed messages are moved to.</summary>
    public static string Poison(string queue) => queue + "-poison";

    private static string QueueName(string prefix, string name) => prefix.Length == 0 ? name : $"{prefix}-{name}";
}
