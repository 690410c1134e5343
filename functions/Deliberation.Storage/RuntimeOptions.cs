namespace Deliberation.Storage;

/// <summary>Settings of the durable workflow runtime.</summary>
public sealed class RuntimeOptions
{
    public const string Section = "Runtime";

    /// <summary>How long after a commit the sweep checks that its outbox was sent (crash recovery).</summary>
    public TimeSpan OutboxRecoveryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the in-process sweep looks for due timers (the Functions host uses its timer trigger).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many due timers one sweep handles.</summary>
    public int SweepBatch { get; set; } = 500;

    /// <summary>
    /// Run the queue listeners and the sweep in this process. Off when the Azure Functions host
    /// drives them through the custom-handler contract.
    /// </summary>
    public bool RunListeners { get; set; } = true;
}
