using System.Collections.Concurrent;

namespace Deliberation.Workflow.Cases;

/// <summary>
/// The texts this process is still sending after the apply activity stopped waiting for them. The text's own activity
/// waits for the send here instead of meeting its send-once claim and backing off for minutes.
/// </summary>
public sealed class SendsInFlight
{
    private readonly ConcurrentDictionary<string, Task> _sends = new(StringComparer.Ordinal);

    public void Add(string noticeId, Task sending)
    {
        _sends[noticeId] = sending;
        _ = sending.ContinueWith(
            done => _sends.TryRemove(new KeyValuePair<string, Task>(noticeId, sending)),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>Waits for the notice's send if this process is still making it; its outcome is the send-once log's to tell.</summary>
    public async Task WaitAsync(string noticeId)
    {
        if (_sends.TryGetValue(noticeId, out var sending))
        {
            try
            {
                await sending;
            }
            catch (Exception)
            {
                // Failed: the claim was released, and the caller sends it.
            }
        }
    }
}
