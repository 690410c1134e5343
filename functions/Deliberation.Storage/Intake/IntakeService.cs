using Azure;
using Azure.Data.Tables;
using Deliberation.Domain.Duplicates;
using Deliberation.Domain.Routing;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Residents;
using Deliberation.Storage.Telemetry;

namespace Deliberation.Storage.Intake;

/// <summary>A suggestion as any channel hands it over.</summary>
/// <param name="ChannelMessageId">The channel's id for the message (WeChat MsgId, call id …); repeats of it make no second case.</param>
/// <param name="AllowMerge">False when staff split a wrong merge: the report becomes a case of its own.</param>
/// <param name="AcknowledgedInline">The channel answers with the case number itself, so the workflow does not text it again.</param>
public sealed record IntakeRequest(
    Channel Channel,
    string? ChannelMessageId,
    Reporter Reporter,
    string Text,
    string? Place = null,
    string? Category = null,
    RequestType? RequestType = null,
    Urgency? Urgency = null,
    bool AllowMerge = true,
    bool AcknowledgedInline = false);

/// <param name="CaseId">The case the report is part of: a new one, or the open case it joined.</param>
/// <param name="Duplicate">The same channel message was received before (a retry).</param>
/// <param name="Joined">The report joined another resident's open case as a co-report (附议).</param>
public sealed record IntakeResult(string CaseId, bool Duplicate, CaseState? State, string? Rejection = null, bool Joined = false);

/// <summary>
/// The intake port every channel uses. Idempotent on the channel's message id: the id is claimed in
/// the <c>intake</c> table (an insert that fails for the second copy), and the case itself is created
/// with an insert, so concurrent copies of one message make one case. A report of a matter already open
/// at the same place joins that case as a co-report instead of opening another.
/// </summary>
public sealed class IntakeService(
    StorageClients clients,
    CaseNumbers numbers,
    ICaseRuntime runtime,
    ResidentDirectory residents,
    DuplicateIndex duplicates,
    TownState town,
    TimeProvider time,
    ICategorySource? categories = null)
{
    private readonly TableClient _claims = clients.Table(clients.Names.Intake);

    public DuplicatePolicy DuplicatePolicy { get; init; } = new();

    /// <summary>Files a report: a new case, a co-report of an open one, or (for a repeat of a channel message) the case it made.</summary>
    public async Task<IntakeResult> SubmitAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        // The span and the count carry the channel, the case and the outcome; the report's text and sender stay out.
        using var activity = StorageTelemetry.Source.StartActivity("intake");
        activity?.SetTag(StorageTelemetry.Tags.Channel, StorageTelemetry.ChannelName(request.Channel));
        var result = await FileAsync(Bounded(request), cancellationToken);
        var outcome = result switch
        {
            { Rejection: not null } => "rejected",
            { Duplicate: true } => "duplicate",
            { Joined: true } => "joined",
            _ => "created",
        };
        activity?.SetTag(StorageTelemetry.Tags.CaseId, result.CaseId);
        activity?.SetTag(StorageTelemetry.Tags.Outcome, outcome);
        StorageTelemetry.Received(request.Channel, outcome);
        return result;
    }

    private async Task<IntakeResult> FileAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // Whether the channel's message was seen before, and which open case it may join, are looked up at once.
        var claimed = request.ChannelMessageId is { } seen ? ClaimedAsync(request.Channel, seen, cancellationToken) : Task.FromResult<string?>(null);
        var matching = MatchAsync(request, now, cancellationToken);
        if (await claimed is { } earlier)
        {
            var state = (await runtime.Store.GetStateAsync(earlier, cancellationToken))?.State;
            if (state is not null)
            {
                // A retry: finish what the first delivery may have left half done (a join), or say it was seen.
                await matching;
                return await JoinAsync(request, state, now, retry: true, cancellationToken);
            }
        }

        (request, var probe, var target) = await matching;
        string caseId;
        var claimedBefore = false;
        if (request.ChannelMessageId is not { } messageId)
        {
            caseId = target ?? await numbers.NextAsync(cancellationToken);
        }
        else if (target is not null)
        {
            (caseId, claimedBefore) = await ClaimAsync(request.Channel, messageId, target, cancellationToken);
        }
        else
        {
            // A new case: the message is claimed for its number while its start is recorded.
            var number = await numbers.NextAsync(cancellationToken);
            var stored = await StoreAsync(request, number, probe, now, cancellationToken, claim: ct => TryClaimAsync(request.Channel, messageId, number, ct));
            if (stored.Outcome != CaseOutcome.ClaimedElsewhere)
            {
                return Answer(stored, number, claimedBefore: false);
            }

            // A concurrent copy claimed the message first; its case is ours. (Our number stays unused.)
            (caseId, claimedBefore) = (await WinnerAsync(request.Channel, messageId, cancellationToken), true);
        }

        // A new number, freshly claimed, has no case yet: only a join or a retry has one to look at.
        if ((target == caseId || claimedBefore) && (await runtime.Store.GetStateAsync(caseId, cancellationToken))?.State is { } existing)
        {
            return await JoinAsync(request, existing, now, retry: claimedBefore, cancellationToken);
        }

        return await CreateAsync(request, caseId, probe, claimedBefore, now, cancellationToken);
    }

    /// <summary>The report with its category, its duplicate probe, and the open case it joins (an emergency joins none).</summary>
    private async Task<(IntakeRequest Request, DuplicateProbe Probe, string? Target)> MatchAsync(IntakeRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        request = await CategoriseAsync(request, cancellationToken);
        var (probe, urgency) = Probe(request, now);
        var target = request.AllowMerge && !urgency.IsUrgent() ? await OpenDuplicateAsync(probe, cancellationToken) : null;
        return (request, probe, target);
    }

    private async Task<IntakeResult> CreateAsync(IntakeRequest request, string caseId, DuplicateProbe probe, bool claimedBefore, DateTimeOffset now, CancellationToken cancellationToken) =>
        Answer(await StoreAsync(request, caseId, probe, now, cancellationToken), caseId, claimedBefore);

    /// <summary>Stores the new case, with the message's claim when given (<see cref="CaseOutcome.ClaimedElsewhere"/> when it is lost).</summary>
    private Task<CaseResult> StoreAsync(IntakeRequest request, string caseId, DuplicateProbe probe, DateTimeOffset now, CancellationToken cancellationToken, Func<CancellationToken, Task<bool>>? claim = null)
    {
        var submit = new Submit("submit", now, request.Channel, request.Text, request.Place, request.Category, request.RequestType, request.Urgency, request.AcknowledgedInline);
        var reporter = residents.Protect(request.Reporter);
        if (!residents.KeysOf(request.Reporter).Any())
        {
            reporter = reporter with { AnonymousKey = ResidentKeyOf(request) };
        }

        // The resident's list and the duplicate index are written while the case is stored.
        return runtime.CreateAsync(caseId, submit, reporter, cancellationToken, alongside: ct =>
            Task.WhenAll(residents.AddCaseAsync(request.Reporter, caseId, now, ct), duplicates.AddAsync(caseId, probe, ct)), claim);
    }

    private static IntakeResult Answer(CaseResult result, string caseId, bool claimedBefore) => result.Outcome switch
    {
        CaseOutcome.Rejected => new IntakeResult(caseId, false, null, result.Reason),
        CaseOutcome.Duplicate => new IntakeResult(caseId, true, result.State),
        _ => new IntakeResult(caseId, claimedBefore, result.State),
    };

    /// <summary>
    /// The request within the case's bounds: a channel that cannot be answered with 400 (an SMS, a location label) keeps
    /// the first characters of an over-long text or place, rather than losing the report.
    /// </summary>
    private static IntakeRequest Bounded(IntakeRequest request) => request with
    {
        Text = Truncate(request.Text, CaseWorkflow.MaxTextLength)!,
        Place = Truncate(request.Place, CaseWorkflow.MaxPlaceLength),
    };

    private static string? Truncate(string? text, int max) =>
        text is { Length: var length } && length > max ? text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)] : text;

    /// <summary>Staff split a wrong merge: the co-report leaves the case and becomes a case of its own.</summary>
    public async Task<IntakeResult?> SplitAsync(string caseId, string reporterKey, Domain.Access.StaffUser staff, CancellationToken cancellationToken)
    {
        var coReporter = (await runtime.Store.CoReportersAsync(caseId, cancellationToken)).FirstOrDefault(c => c.Key == reporterKey);
        if (coReporter is null)
        {
            return null;
        }

        // One split per co-report, however often staff press the button.
        var split = await runtime.HandleAsync(caseId, new SplitReport($"split-{reporterKey}", time.GetUtcNow(), staff.AsActor(Domain.Access.Roles.Dispatcher), reporterKey, coReporter.WasSupporter), cancellationToken);
        if (split.Outcome == CaseOutcome.Rejected)
        {
            return new IntakeResult(caseId, false, split.State, split.Reason);
        }

        var reporter = residents.Reveal(coReporter.Contact);
        var result = await SubmitAsync(new IntakeRequest(coReporter.Channel, $"split-{caseId}-{reporterKey}", reporter, coReporter.Text, coReporter.Place, AllowMerge: false), cancellationToken);
        await runtime.Store.RemoveCoReporterAsync(caseId, reporterKey, cancellationToken);
        return result;
    }

    /// <summary>
    /// Who reported, as a key: their phone's or WeChat id's keyed hash; for a withheld number, one made of the channel
    /// and its message id (a redelivery of the same call is the same reporter; another anonymous call is another).
    /// </summary>
    private string ResidentKeyOf(IntakeRequest request) =>
        residents.KeysOf(request.Reporter).FirstOrDefault()
        ?? "a" + residents.Protector.Hash($"{request.Channel}|{request.ChannelMessageId ?? Guid.NewGuid().ToString("N")}");

    /// <summary>
    /// Adds the reporter to the case as a co-report, once per resident: the co-report's message id is made of the
    /// case and the resident, so a retry after a crash, or the same resident writing again, changes nothing twice.
    /// The case's own first reporter writing again is just that.
    /// </summary>
    private async Task<IntakeResult> JoinAsync(IntakeRequest request, CaseState target, DateTimeOffset now, bool retry, CancellationToken cancellationToken)
    {
        var key = ResidentKeyOf(request);
        var first = await runtime.Store.ReporterAsync(target.CaseId, cancellationToken);
        if (first?.PhoneHash == key || first?.WeChatHash == key || first?.AnonymousKey == key)
        {
            return new IntakeResult(target.CaseId, retry, target);
        }

        // A resident who supported the case by 附议 and now reports it counts once: the workflow moves them from supporter
        // to reporter, and the co-reporter row remembers it for a split. The contact first, then the message: the
        // message's notice to the co-reporter needs the contact.
        var supported = await runtime.Store.MarkerAsync(target.CaseId, Support.IdFor(key), cancellationToken) is { Outcome: MessageOutcome.Applied };
        await runtime.Store.AddCoReporterAsync(target.CaseId, new CoReporter(key, request.Channel, residents.Protect(request.Reporter), request.Text, request.Place, now, supported), cancellationToken);
        var result = await runtime.HandleAsync(target.CaseId, new CoReport($"co-{key}", now, request.Channel, key, supported), cancellationToken);
        if (result.Outcome == CaseOutcome.Rejected)
        {
            // The case closed in the meantime: the report becomes a case of its own, and its message points there.
            await runtime.Store.RemoveCoReporterAsync(target.CaseId, key, cancellationToken);
            var caseId = await numbers.NextAsync(cancellationToken);
            if (request.ChannelMessageId is { } messageId)
            {
                await _claims.UpsertEntityAsync(new TableEntity(request.Channel.ToString(), CaseRowsKey.For(messageId)) { ["CaseId"] = caseId, ["MessageId"] = messageId }, TableUpdateMode.Replace, cancellationToken);
            }

            return await CreateAsync(request with { AllowMerge = false }, caseId, Probe(request, now).Probe, false, now, cancellationToken);
        }

        await residents.AddCaseAsync(request.Reporter, target.CaseId, now, cancellationToken);
        return new IntakeResult(target.CaseId, retry || result.Outcome == CaseOutcome.Duplicate, result.State ?? target, Joined: true);
    }

    /// <summary>
    /// Without a category from the caller, a configured cloud classifier may supply one: used as the category hint
    /// only when at least as confident as the policy asks of any classifier; otherwise routing decides locally.
    /// </summary>
    private async Task<IntakeRequest> CategoriseAsync(IntakeRequest request, CancellationToken cancellationToken)
    {
        if (categories is null || !string.IsNullOrWhiteSpace(request.Category))
        {
            return request;
        }

        var context = town.Context;
        return await categories.GuessAsync(request.Text, cancellationToken) is { } guess
            && guess.Confidence >= context.Policy.ClassifierMinConfidence
            && context.Directory.FindCategory(guess.Category) is { } entry
            ? request with { Category = entry.Id }
            : request;
    }

    private (DuplicateProbe Probe, Urgency Urgency) Probe(IntakeRequest request, DateTimeOffset now)
    {
        var directory = town.Context.Directory;
        var route = Router.Route(directory, request.Text, request.Place, request.Category, request.Urgency);
        var place = PlaceMatcher.FindPlace(directory, request.Place, request.Text)?.Name;
        return (new DuplicateProbe(place, route.UnitId, route.Category, now, TextFingerprint.Of(request.Text, PlaceMatcher.AllPlaces(directory))), route.Urgency);
    }

    private async Task<string?> OpenDuplicateAsync(DuplicateProbe probe, CancellationToken cancellationToken)
    {
        var candidates = await duplicates.CandidatesAsync(probe, DuplicatePolicy.Window, cancellationToken);
        while (DuplicatePolicy.BestMatch(probe, candidates) is { } best)
        {
            var state = (await runtime.Store.GetStateAsync(best.CaseId, cancellationToken))?.State;
            if (state is { IsFinal: false } && !state.Urgency.IsUrgent())
            {
                return best.CaseId;
            }

            candidates = candidates.Where(c => c.CaseId != best.CaseId).ToList();
        }

        return null;
    }

    private async Task<string?> ClaimedAsync(Channel channel, string messageId, CancellationToken cancellationToken)
    {
        var existing = await _claims.GetEntityIfExistsAsync<TableEntity>(channel.ToString(), CaseRowsKey.For(messageId), cancellationToken: cancellationToken);
        return existing.HasValue && existing.Value is { } found ? found.GetString("CaseId") : null;
    }

    /// <summary>Claims the message for <paramref name="caseId"/>; or, when a concurrent copy claimed it first, answers with its case.</summary>
    private async Task<(string CaseId, bool ClaimedBefore)> ClaimAsync(Channel channel, string messageId, string caseId, CancellationToken cancellationToken) =>
        await TryClaimAsync(channel, messageId, caseId, cancellationToken)
            ? (caseId, false)
            : (await WinnerAsync(channel, messageId, cancellationToken), true);

    /// <summary>An insert that fails for the second copy of the message: false when another case has it.</summary>
    private async Task<bool> TryClaimAsync(Channel channel, string messageId, string caseId, CancellationToken cancellationToken)
    {
        try
        {
            await _claims.AddEntityAsync(new TableEntity(channel.ToString(), CaseRowsKey.For(messageId)) { ["CaseId"] = caseId, ["MessageId"] = messageId }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    private async Task<string> WinnerAsync(Channel channel, string messageId, CancellationToken cancellationToken) =>
        (await _claims.GetEntityAsync<TableEntity>(channel.ToString(), CaseRowsKey.For(messageId), cancellationToken: cancellationToken)).Value.GetString("CaseId");
}
