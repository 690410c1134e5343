using Deliberation.Api.Classification.AzureLanguage;
using Deliberation.Storage.Cases;
using Microsoft.Extensions.Caching.Memory;

namespace Deliberation.Api.Apis;

/// <summary>
/// The public view of a case, built once per version of the case: anyone may ask for it as often as they like, but
/// only a changed case has its timeline read and its texts sent to the cloud PII service again. Each request still
/// reads the case's state (one point read) for its version, so a changed case is shown at once, on every instance.
/// </summary>
public sealed class PublicCaseViews(ICaseRuntime runtime, CaseHandlerDeps deps, IPiiRedactor pii) : IDisposable
{
    /// <summary>How many views an instance keeps; the least recently used go first.</summary>
    public const int MaxEntries = 2_000;

    /// <summary>How long a view may be served unchanged: a changed town directory (a unit's name) shows within this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    /// <summary>The case as the public sees it, or null when there is no such case.</summary>
    public async Task<PublicCaseView?> GetAsync(string caseId, CancellationToken cancellationToken)
    {
        if (await runtime.Store.GetStateAsync(caseId, cancellationToken) is not { State: var state })
        {
            return null;
        }

        var key = (state.CaseId, state.Version);
        if (_views.TryGetValue(key, out PublicCaseView? cached) && cached is not null)
        {
            return cached;
        }

        var timeline = await runtime.Store.TimelineAsync(caseId, cancellationToken);
        var view = deps.Views().Public(state, timeline, await runtime.Store.ReporterNamesAsync(state, cancellationToken));

        // Reply and resolution are already locally redacted; a configured cloud PII service gets a second pass over them.
        if (view.Reply is { } reply)
        {
            view = view with { Reply = await pii.RedactAsync(reply, cancellationToken) };
        }

        if (view.Decision is { } decision)
        {
            view = view with { Decision = decision with { Resolution = await pii.RedactAsync(decision.Resolution, cancellationToken) } };
        }

        _views.Set(key, view, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        return view;
    }

    public void Dispose() => _views.Dispose();
}
