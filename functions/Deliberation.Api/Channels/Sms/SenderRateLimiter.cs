using System.Threading.RateLimiting;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.Sms;

/// <summary>
/// Inbound texts per sender and minute (a fixed window per number, in this process; with several
/// instances each keeps its own count, which still bounds a flood).
/// </summary>
public sealed class SenderRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public SenderRateLimiter(IOptions<SmsOptions> options)
    {
        var permits = options.Value.MaxMessagesPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(sender => RateLimitPartition.GetFixedWindowLimiter(
            sender,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true }));
    }

    /// <summary>True when the sender may be heard now; counts the message.</summary>
    public bool TryAcquire(string phone)
    {
        using var lease = _limiter.AttemptAcquire(ResidentDirectory.PhoneDigits(phone));
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
