using System.Collections.Concurrent;

namespace Deliberation.Workflow;

/// <summary>
/// Work this process has started and not finished, by key, for whoever must not act on the key before it is done.
/// Each entry leaves when its work ends; waiting never throws (the work's outcome is told elsewhere).
/// </summary>
public class InFlightWork
{
    private readonly ConcurrentDictionary<string, Task> _work = new(StringComparer.Ordinal);

    public void Add(string key, Task work)
    {
        _work[key] = work;
        _ = work.ContinueWith(
            _ => _work.TryRemove(new KeyValuePair<string, Task>(key, work)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits for the key's work if this process is still doing it.</summary>
    public async Task WaitAsync(string key)
    {
        if (_work.TryGetValue(key, out var work))
        {
            try
            {
                await work;
            }
            catch (Exception)
            {
                // Failed: the caller finds out what became of it where it always would.
            }
        }
    }
}
