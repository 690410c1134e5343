namespace Deliberation.Bench;

/// <summary>
/// Real time plus an offset the bench moves forward, so deadline-driven steps (publish after the review window, close
/// after public review) happen without waiting days. The app reads the offset as its clock skew and hands it to the
/// cases with each message and tick, so their durable timers (on the engine's real clock) fire when the app's time
/// says they are due.
/// </summary>
internal sealed class BenchClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
