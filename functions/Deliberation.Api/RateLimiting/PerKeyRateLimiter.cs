using System.Threading.RateLimiting;

namespace Deliberation.Api.RateLimiting;

/// <summary>
/// Requests per key and minute: the platform's fixed-window limiter partitioned by key, in this process (with several
/// instances each keeps its own count, which still bounds a flood). Idle windows are dropped by the limiter. Keys are
/// hashes or numbers' digits; what a key is, and its permits, is the registering channel's choice. The public API's
/// limits, which strangers' numbers make costly, are shared through storage instead (<c>PublicWriteLimits</c>).
/// </summary>
public sealed class PerKeyRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <param name="permitsPerMinute">The permits of a key's window, asked once when its window is first made.</param>
    public PerKeyRateLimiter(Func<string, int> permitsPerMinute) =>
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, k => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute(k),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Keyed-service names of the limiters the app registers.</summary>
    public static class Names
    {
        /// <summary>Inbound texts per sender (the number's digits).</summary>
        public const string SmsSenders = "sms-senders";

        /// <summary>WeChat messages per follower (the resident key, a keyed hash of the OpenID).</summary>
        public const string WeChatFollowers = "wechat-followers";
    }

    /// <summary>True when <paramref name="key"/> may be heard now; counts the request.</summary>
    public bool TryAcquire(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
