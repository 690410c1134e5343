namespace Deliberation.Domain.Duplicates;

/// <summary>A case that a new report might duplicate: where it is, what routing made of it, and its fingerprint.</summary>
public sealed record DuplicateCandidate(string CaseId, string? Place, string? UnitId, string? Category, DateTimeOffset ReceivedAt, TextFingerprint Fingerprint);

/// <summary>A new report as the duplicate check sees it.</summary>
public sealed record DuplicateProbe(string? Place, string? UnitId, string? Category, DateTimeOffset At, TextFingerprint Fingerprint);

/// <summary>
/// When a new report joins an open case as a co-report (并单/附议). The place must be the same (the same
/// complaint about another hamlet is another case); then a similar matter joins, more easily when the
/// category agrees. Reports naming no known place join only nearly identical reports of the same unit
/// and category.
/// </summary>
public sealed record DuplicatePolicy
{
    /// <summary>How far back an open case can still be joined.</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Similarity of the matter (place names left out) that suffices at the same place and category.</summary>
    public double SamePlaceAndCategory { get; init; } = 0.15;

    /// <summary>Similarity that suffices at the same place when the categories differ (routing can disagree on wording).</summary>
    public double SamePlace { get; init; } = 0.35;

    /// <summary>Similarity that suffices without a known place, within the same unit and category.</summary>
    public double WithoutPlace { get; init; } = 0.5;

    /// <summary>The best candidate to join, or null when the report is a new matter.</summary>
    public DuplicateCandidate? BestMatch(DuplicateProbe report, IEnumerable<DuplicateCandidate> candidates)
    {
        DuplicateCandidate? best = null;
        var bestScore = 0.0;
        foreach (var candidate in candidates.Where(c => report.At - c.ReceivedAt <= Window))
        {
            var similarity = report.Fingerprint.Similarity(candidate.Fingerprint);
            var sameCategory = report.Category is not null && candidate.Category == report.Category;
            var threshold = (report.Place, candidate.Place) switch
            {
                (null, null) when sameCategory && report.UnitId == candidate.UnitId => WithoutPlace,
                ({ } a, { } b) when a == b => sameCategory ? SamePlaceAndCategory : SamePlace,
                _ => double.PositiveInfinity,
            };
            if (similarity >= threshold && similarity > bestScore)
            {
                best = candidate;
                bestScore = similarity;
            }
        }

        return best;
    }
}
