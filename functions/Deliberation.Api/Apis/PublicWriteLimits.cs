using Deliberation.Storage.RateLimits;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Apis;

/// <summary>
/// The per-minute limits on anonymous posts, counted in storage so every instance shares them: per client address
/// (code requests, and confirmations apart) and per resident. Each client and each mobile has its own count, so a
/// flood spends only its own; a request whose client address is unknown is limited per resident only, never in a
/// bucket it would share with everyone else whose address is unknown.
/// </summary>
public sealed class PublicWriteLimits(RateLimitCounters counters, TimeProvider time, IOptions<PublicApiOptions> options)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private PublicApiOptions Options => options.Value;

    /// <summary>A code request from <paramref name="clientAddress"/>; true when it is unknown.</summary>
    public Task<bool> TryRequestFromClientAsync(string? clientAddress, CancellationToken cancellationToken) =>
        clientAddress is null ? Task.FromResult(true) : TryAsync("client|" + clientAddress, Options.MaxWritesPerClientPerMinute, cancellationToken);

    /// <summary>A code request for the resident (the keyed hash of their mobile).</summary>
    public Task<bool> TryRequestForResidentAsync(string residentKey, CancellationToken cancellationToken) =>
        TryAsync("resident|" + residentKey, Options.MaxWritesPerResidentPerMinute, cancellationToken);

    /// <summary>A code confirmation from <paramref name="clientAddress"/>; true when it is unknown (each code still allows only so many wrong guesses).</summary>
    public Task<bool> TryConfirmFromClientAsync(string? clientAddress, CancellationToken cancellationToken) =>
        clientAddress is null ? Task.FromResult(true) : TryAsync("confirm|" + clientAddress, Options.MaxConfirmationsPerClientPerMinute, cancellationToken);

    private Task<bool> TryAsync(string key, int permits, CancellationToken cancellationToken) =>
        counters.TryAcquireAsync(key, permits, Window, time.GetUtcNow(), cancellationToken);
}
