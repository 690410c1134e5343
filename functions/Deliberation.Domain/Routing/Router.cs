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
    public static RoutingResult Route(TownDirectory directory, string text, string? place, string? categoryHint, Urgency? urgencyHint)
    {
        var category = directory.FindCategory(categoryHint ?? "") ?? KeywordClassifier.Classify(directory, text);
        var servicePoint = PlaceMatcher.FindServicePoint(directory, place, text);
        var urgency = urgencyHint ?? (KeywordClassifier.IsEmergency(directory, text) ? Urgency.Emergency : Urgency.Normal);
        var village = servicePoint?.Village;

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
