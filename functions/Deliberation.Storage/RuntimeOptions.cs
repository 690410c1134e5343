namespace Deliberation.Storage;

/// <summary>Settings of the work the standalone host runs beside the workflow engine: the WeChat inbox and the housekeeping sweep.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How long a meeting's messages to its cases may stay unsent before the sweep sends them on (crash recovery).</summary>
    public TimeSpan OutboxRecoveryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the in-process sweep runs (the Functions app uses its timer trigger).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many due rows one sweep handles.</summary>
    public int SweepBatch { get; set; } = 500;

    /// <summary>Run the WeChat inbox listener and the sweep in this process (tests drive them by hand).</summary>
    public bool RunListeners { get; set; } = true;
}
