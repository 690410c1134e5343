using Microsoft.DurableTask.Client;

namespace Deliberation.Workflow.Delivery;

/// <summary>
/// Where the app finds its durable client. The standalone host sets <see cref="Default"/> once (its adapter over
/// DurableTask.Core); the Functions app hands each invocation the client of its <c>[DurableClient]</c> binding
/// through <see cref="Use"/>.
/// </summary>
public sealed class DurableClientAccessor
{
    private static readonly AsyncLocal<DurableTaskClient?> Current = new();

    public DurableTaskClient? Default { get; set; }

    public DurableTaskClient Client => Current.Value ?? Default
        ?? throw new InvalidOperationException("No durable client: the workflow engine has not started.");

    /// <summary>The client for the rest of this invocation (its async flow).</summary>
    public static void Use(DurableTaskClient client) => Current.Value = client;
}
