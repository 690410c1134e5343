using Deliberation.Classification.Text;

namespace Deliberation.Classifier.Cli;

/// <summary>
/// Finds training texts that are the same message as a test text (e.g. the segmented copy of a raw test
/// message), so an evaluation can measure generalisation rather than recall of seen messages.
/// </summary>
internal static class Overlap
{
    private const double SharedShare = 0.4; // of a training text's character trigrams found in one test text

    public static IReadOnlyList<(string Label, string Text)> WithoutNearDuplicates(
        IReadOnlyList<(string Label, string Text)> train, IReadOnlyList<(string Label, string Text)> test)
    {
        var index = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var t = 0; t < test.Count; t++)
        {
            foreach (var gram in Trigrams(test[t].Text))
            {
                if (!index.TryGetValue(gram, out var list)) index[gram] = list = [];
                list.Add(t);
            }
        }

        var kept = new List<(string, string)>();
        foreach (var example in train)
        {
            var grams = Trigrams(example.Text);
            var shared = new Dictionary<int, int>();
            foreach (var gram in grams)
            {
                if (!index.TryGetValue(gram, out var list)) continue;
                foreach (var t in list) shared[t] = shared.GetValueOrDefault(t) + 1;
            }

            var best = shared.Count == 0 ? 0 : shared.Values.Max();
            if (grams.Count == 0 || best < SharedShare * grams.Count) kept.Add(example);
        }

        return kept;
    }

    private static HashSet<string> Trigrams(string text)
    {
        var chinese = new string(TextNormaliser.Normalise(text).Where(TextNormaliser.IsChinese).ToArray());
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + 3 <= chinese.Length; i++) grams.Add(chinese.Substring(i, 3));
        return grams;
    }
}
