namespace Deliberation.Classification;

/// <summary>
/// The outcome of classifying one text: the top label, its confidence (a softmax probability in [0, 1]),
/// and every label ranked by probability, best first (the top label included).
/// </summary>
public sealed record Classification(string Label, double Confidence, IReadOnlyList<(string Label, double Score)> Ranked)
{
    /// <summary>The best <paramref name="count"/> labels, e.g. the top-3 shown to triage.</summary>
    public IReadOnlyList<(string Label, double Score)> Top(int count) => Ranked.Take(count).ToArray();
}
