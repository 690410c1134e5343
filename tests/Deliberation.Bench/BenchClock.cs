namespace Deliberation.Bench;

/// <summary>
/// Real time plus an offset the bench moves forward, so deadline-driven steps (publish after the
/// review window, close after public review) happen without waiting days. Timers and timestamps
/// (how often the sweep looks) stay on real time; only "what time it is" moves.
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
