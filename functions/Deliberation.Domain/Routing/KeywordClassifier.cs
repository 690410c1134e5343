using Deliberation.Domain.Directory;

namespace Deliberation.Domain.Routing;

/// <summary>
/// Picks a category from the catalogue's keyword lists: the category whose keywords cover the most
/// characters of the text wins (so one long, specific term beats a short, loose one).
/// </summary>
public static class KeywordClassifier
{
    public static CatalogueEntry? Classify(TownDirectory directory, string text)
    {
        CatalogueEntry? best = null;
        var bestScore = 0;
        foreach (var entry in directory.Catalogue)
        {
            var score = entry.Keywords.Where(k => text.Contains(k, StringComparison.OrdinalIgnoreCase)).Sum(k => k.Length);
            if (score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }

        return best;
    }

    public static bool IsEmergency(TownDirectory directory, string text) =>
        UrgencyDetector.Detect(text, directory.EmergencyKeywords) == Workflow.Urgency.Emergency;
}
