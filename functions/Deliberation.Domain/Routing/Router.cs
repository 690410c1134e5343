using Deliberation.Domain.Directory;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Routing;

/// <summary>Where routing sent a case, and why (shown to staff on the timeline).</summary>
public sealed record RoutingResult(
    string UnitId,
    Tier Tier,
    string? Category,
    string? Village,
    Urgency Urgency,
    bool Triage,
    string Reason);

/// <summary>
/// The dispatch catalogue (派单目录) applied: category + place → tier and unit.
/// A place no service point covers, or a text no category fits, goes to the dispatch centre's triage.
/// </summary>
public static class Router
{
    public static RoutingResult Route(TownDirectory directory, string text, string? place, string? categoryHint, Urgency? urgencyHint) =>
        Route(directory, text, place, categoryHint, urgencyHint, null, 1.0);

    /// <summary>
    /// The category comes from the operator's hint, else the catalogue's keyword rules (explainable, and
    /// staff edit them), else the classifier when it is confident enough.
    /// </summary>
    public static RoutingResult Route(TownDirectory directory, string text, string? place, string? categoryHint, Urgency? urgencyHint, ICategoryClassifier? classifier, double minConfidence)
    {
        var (category, how) = Categorise(directory, text, categoryHint, classifier, minConfidence);
        var result = RouteWith(directory, text, place, category, urgencyHint);
        return how is null ? result : result with { Reason = $"{result.Reason} ({how})" };
    }

    private static (CatalogueEntry? Category, string? How) Categorise(TownDirectory directory, string text, string? categoryHint, ICategoryClassifier? classifier, double minConfidence)
    {
        if (directory.FindCategory(categoryHint ?? "") is { } hinted)
        {
            return (hinted, "category given at intake");
        }

        if (KeywordClassifier.Classify(directory, text) is { } byKeyword)
        {
            return (byKeyword, "keyword rule");
        }

        if (classifier?.Classify(text) is not { } guess)
        {
            return (null, null);
        }

        var top = string.Join(", ", guess.Ranked.Take(3).Select(r => $"{directory.FindCategory(r.Category)?.Name ?? r.Category} {r.Score:0.00}"));
        return guess.Confidence >= minConfidence && directory.FindCategory(guess.Category) is { } entry
            ? (entry, $"classifier {guess.Confidence:0.00}; top 3: {top}")
            : (null, $"classifier unsure; top 3: {top}");
    }

    private static RoutingResult RouteWith(TownDirectory directory, string text, string? place, CatalogueEntry? category, Urgency? urgencyHint)
    {
        var servicePoint = PlaceMatcher.FindServicePoint(directory, place, text);
        var urgency = urgencyHint ?? UrgencyDetector.Detect(text, directory.EmergencyKeywords);
        var village = servicePoint?.Village;

        if (urgency == Urgency.PossibleEmergency)
        {
            // Unsure: the dispatch centre (round the clock) looks at once and confirms or downgrades it.
            var assessment = urgencyHint is null ? UrgencyDetector.Assess(text, directory.EmergencyKeywords).Reason : "possible emergency given at intake";
            return new(directory.DispatchCentre, Tier.Town, category?.Id, village, urgency, Triage: false, $"possible emergency ({assessment}): the dispatch centre confirms or downgrades it");
        }

        if (urgency == Urgency.Emergency)
        {
            // Straight to the town: the responsible department, or the dispatch centre when none is known.
            var unit = category?.Department ?? directory.DispatchCentre;
            var tier = directory.GetUnit(unit).Tier;
            return new(unit, tier, category?.Id, village, urgency, Triage: false, "emergency fast-track to the town");
        }

        if (category is null)
        {
            return new(directory.DispatchCentre, Tier.Town, null, village, urgency, Triage: true, "no category fits the text");
        }

        if (servicePoint is null)
        {
            return new(directory.DispatchCentre, Tier.Town, category.Id, null, urgency, Triage: true, "no service point covers the place");
        }

        return category.Tier switch
        {
            Tier.ServicePoint => new(servicePoint.Id, Tier.ServicePoint, category.Id, village, urgency, false, $"{category.Name}: service point covering the place"),
            Tier.Village => new(village!, Tier.Village, category.Id, village, urgency, false, $"{category.Name}: committee of the village"),
            _ when category.Department is { } department => new(department, Tier.Department, category.Id, village, urgency, false, $"{category.Name}: responsible department"),
            _ => new(directory.DispatchCentre, Tier.Town, category.Id, village, urgency, Triage: true, $"{category.Name}: no department in the catalogue"),
        };
    }

    /// <summary>The unit one tier up from <paramref name="unitId"/>, or null at the top.</summary>
    public static Unit? NextTier(TownDirectory directory, string unitId, string? category)
    {
        var unit = directory.GetUnit(unitId);
        var department = directory.FindCategory(category ?? "")?.Department;
        return unit.Kind switch
        {
            UnitKind.ServicePoint when unit.Village is { } village => directory.GetUnit(village),
            UnitKind.VillageCommittee when department is not null => directory.GetUnit(department),
            UnitKind.ServicePoint or UnitKind.VillageCommittee or UnitKind.Department => directory.GetUnit(directory.DispatchCentre),
            _ => null,
        };
    }
}
