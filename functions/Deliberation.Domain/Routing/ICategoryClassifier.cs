namespace Deliberation.Domain.Routing;

/// <summary>A classifier's view of a text: its best category with a confidence, and the runners-up.</summary>
public sealed record CategoryGuess(string Category, double Confidence, IReadOnlyList<(string Category, double Score)> Ranked);

/// <summary>Picks a category from a resident's words (a trained model locally, or a cloud service).</summary>
public interface ICategoryClassifier
{
    CategoryGuess? Classify(string text);
}
