using Deliberation.Storage;
using Microsoft.DurableTask;

namespace Deliberation.Host.Engine;

/// <summary>
/// Runs an activity under its own storage-request label (<c>activity:&lt;name&gt;</c>), so that what the app's activities
/// cost is told apart from what the engine itself costs ("engine": its queues, history and instances).
/// </summary>
internal sealed class LabelledActivity(string name, ITaskActivity inner) : ITaskActivity
{
    public Type InputType => inner.InputType;

    public Type OutputType => inner.OutputType;

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        using (StorageRequestCounter.Step("activity:" + name))
        {
            return await inner.RunAsync(context, input);
        }
    }
}
