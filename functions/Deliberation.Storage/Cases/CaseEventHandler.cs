using System.Text.Json;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Queues;
using Deliberation.Storage.Timers;
using Microsoft.Extensions.Logging;

namespace Deliberation.Storage.Cases;

/// <summary>The <c>case-events</c> queue trigger: workflow messages, including deadlines sent with a delay.</summary>
public sealed partial class CaseEventHandler(
    StorageClients clients,
    CaseRuntime runtime,
    OutboxSender outbox,
    TimeProvider time,
    ILogger<CaseEventHandler> logger) : IQueueHandler
{
    private readonly TimerIndex _timers = new(clients.Timers);

    public string QueueName => clients.Names.CaseEvents;

    public async Task HandleAsync(string body, long dequeueCount, CancellationToken cancellationToken)
    {
        var envelope = JsonSerializer.Deserialize(body, StorageJson.Store.CaseEnvelope)
            ?? throw new InvalidDataException("Empty case-events message.");
        if (envelope.Message is DeadlineDue due && due.DueAt > time.GetUtcNow())
        {
            // A timer longer than a queue message can wait: send it on for the rest of the time.
            await outbox.SendCaseMessageAsync(envelope, due.DueAt - time.GetUtcNow(), cancellationToken);
            return;
        }

        var result = await runtime.HandleAsync(envelope.CaseId, envelope.Message, cancellationToken);
        if (result.Outcome == CaseOutcome.Rejected)
        {
            LogRejected(logger, envelope.CaseId, envelope.Message.GetType().Name, result.Reason);
        }

        if (envelope.Message is DeadlineDue handled)
        {
            await _timers.DeleteDeadlineAsync(envelope.CaseId, handled.Kind, handled.Phase, handled.DueAt, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case {CaseId}: queued {Message} was refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string caseId, string message, string? reason);
}
