namespace Deliberation.Workflow;

/// <summary>Settings of the case workflow on the durable engine.</summary>
public sealed class WorkflowOptions
{
    public const string Section = "Workflow";

    /// <summary>How long a request waits for the case to apply its message before answering 202.</summary>
    public TimeSpan ApplyWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A message recorded this long ago and not applied is raised again (or its case started).</summary>
    public TimeSpan RedeliverAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the reconciler looks for such messages.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How many such messages one look handles.</summary>
    public int ReconcileBatch { get; set; } = 500;

    /// <summary>
    /// How long the apply activity waits for each of a decision's texts. A text still being sent then carries on by
    /// itself (and records itself sent), while the case goes on and the text's own retried activity finds it sent.
    /// </summary>
    public TimeSpan InlineSendLimit { get; set; } = TimeSpan.FromSeconds(10);
}
