using Deliberation.Domain.Directory;

namespace Deliberation.Domain.Routing;

/// <summary>Finds the service point whose covered places appear in an address or a text.</summary>
public static class PlaceMatcher
{
    /// <summary>The stated place is tried first; the text only when the place names nothing known.</summary>
    public static Unit? FindServicePoint(TownDirectory directory, string? place, string text) =>
        LongestMatch(directory, place) ?? LongestMatch(directory, text);

    private static Unit? LongestMatch(TownDirectory directory, string? haystack)
    {
        if (string.IsNullOrWhiteSpace(haystack))
        {
            return null;
        }

        Unit? best = null;
        var bestLength = 0;
        foreach (var unit in directory.Units)
        {
            foreach (var name in unit.Places ?? [])
            {
                if (name.Length > bestLength && haystack.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    best = unit;
                    bestLength = name.Length;
                }
            }
        }

        return best;
    }
}
