using Deliberation.Domain.Directory;

namespace Deliberation.Domain.Routing;

/// <summary>Finds the service point whose covered places appear in an address or a text.</summary>
public static class PlaceMatcher
{
    /// <summary>The stated place is tried first; the text only when the place names nothing known.</summary>
    public static Unit? FindServicePoint(TownDirectory directory, string? place, string text) => FindPlace(directory, place, text)?.ServicePoint;

    /// <summary>The named place (and the service point covering it) an address or text speaks of.</summary>
    public static (Unit ServicePoint, string Name)? FindPlace(TownDirectory directory, string? place, string text) =>
        LongestMatch(directory, place) ?? LongestMatch(directory, text);

    /// <summary>Every place name of the town.</summary>
    public static IEnumerable<string> AllPlaces(TownDirectory directory) => directory.Units.SelectMany(u => u.Places ?? []);

    private static (Unit, string)? LongestMatch(TownDirectory directory, string? haystack)
    {
        if (string.IsNullOrWhiteSpace(haystack))
        {
            return null;
        }

        (Unit, string)? best = null;
        var bestLength = 0;
        foreach (var unit in directory.Units)
        {
            foreach (var name in unit.Places ?? [])
            {
                if (name.Length > bestLength && haystack.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    best = (unit, name);
                    bestLength = name.Length;
                }
            }
        }

        return best;
    }
}
