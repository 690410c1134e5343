using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;

namespace Deliberation.Storage.Intake;

/// <summary>A suggestion as any channel hands it over.</summary>
/// <param name="ChannelMessageId">The channel's id for the message (WeChat MsgId, call id …); repeats of it make no second case.</param>
public sealed record IntakeRequest(
    Channel Channel,
    string? ChannelMessageId,
    Reporter Reporter,
    string Text,
    string? Place = null,
    string? Category = null,
    RequestType? RequestType = null,
    Urgency? Urgency = null);

public sealed record IntakeResult(string CaseId, bool Duplicate, CaseState? State, string? Rejection = null);

/// <summary>
/// The intake port every channel uses. Idempotent on the channel's message id: the id is claimed in
/// the <c>intake</c> table (an insert that fails for the second copy), and the case itself is created
/// with an insert, so concurrent copies of one message make one case.
/// </summary>
public sealed class IntakeService(StorageClients clients, CaseNumbers numbers, CaseRuntime runtime, Residents.ResidentDirectory residents, TimeProvider time)
{
    private readonly TableClient _claims = clients.Table(clients.Names.Intake);

    public async Task<IntakeResult> SubmitAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        var (caseId, claimedBefore) = request.ChannelMessageId is { } messageId
            ? await ClaimAsync(request.Channel, messageId, cancellationToken)
            : (await numbers.NextAsync(cancellationToken), false);

        var submit = new Submit("submit", time.GetUtcNow(), request.Channel, request.Text, request.Place, request.Category, request.RequestType, request.Urgency);
        var result = await runtime.CreateAsync(caseId, submit, residents.Protect(request.Reporter), cancellationToken);
        if (result.Outcome is CaseOutcome.Created or CaseOutcome.Duplicate)
        {
            await residents.AddCaseAsync(request.Reporter, caseId, submit.OccurredAt, cancellationToken);
        }

        return result.Outcome switch
        {
            CaseOutcome.Rejected => new IntakeResult(caseId, false, null, result.Reason),
            CaseOutcome.Duplicate => new IntakeResult(caseId, true, result.State),
            _ => new IntakeResult(caseId, claimedBefore, result.State),
        };
    }

    private async Task<(string CaseId, bool ClaimedBefore)> ClaimAsync(Channel channel, string messageId, CancellationToken cancellationToken)
    {
        var partition = channel.ToString();
        var key = Cases.CaseRowsKey.For(messageId);
        var existing = await _claims.GetEntityIfExistsAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
        if (existing.HasValue && existing.Value is { } found)
        {
            return (found.GetString("CaseId"), true);
        }

        var caseId = await numbers.NextAsync(cancellationToken);
        try
        {
            await _claims.AddEntityAsync(new TableEntity(partition, key) { ["CaseId"] = caseId, ["MessageId"] = messageId }, cancellationToken);
            return (caseId, false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A concurrent copy claimed the message first; its case is ours. (Our number stays unused.)
            var winner = await _claims.GetEntityAsync<TableEntity>(partition, key, cancellationToken: cancellationToken);
            return (winner.Value.GetString("CaseId"), true);
        }
    }
}
