namespace Deliberation.Classification.Evaluation;

/// <summary>Splits labelled examples for cross-validation.</summary>
public static class Folds
{
    /// <summary>
    /// Stratified K-fold: the examples of each label are dealt round-robin, in input order, to the folds, so every
    /// fold holds about 1/K of every label. Deterministic. Yields (training, held-out) pairs.
    /// </summary>
    public static IEnumerable<(IReadOnlyList<(string Label, string Text)> Train, IReadOnlyList<(string Label, string Text)> Test)> Stratified(
        IReadOnlyList<(string Label, string Text)> examples, int folds)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var foldOf = new int[examples.Count];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < examples.Count; i++)
        {
            var n = seen.GetValueOrDefault(examples[i].Label);
            foldOf[i] = n % folds;
            seen[examples[i].Label] = n + 1;
        }

        for (var f = 0; f < folds; f++)
        {
            var train = new List<(string, string)>();
            var test = new List<(string, string)>();
            for (var i = 0; i < examples.Count; i++) (foldOf[i] == f ? test : train).Add(examples[i]);
            yield return (train, test);
        }
    }
}
