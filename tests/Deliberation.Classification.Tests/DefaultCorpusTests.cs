using System.Text.Json;
using Deliberation.Classification.Data;
using Deliberation.Classification.Evaluation;
using Xunit.Abstractions;

namespace Deliberation.Classification.Tests;

public sealed class DefaultCorpusTests(ITestOutputHelper output)
{
    // Measured 5-fold macro-F1 of the default options: see the classifier README. The bar sits just below it.
    private const double MacroF1Bar = 0.55;

    private static readonly IReadOnlyList<(string Label, string Text)> Corpus = LabelledCsv.Read(RepoFiles.DefaultCorpus);

    [Fact]
    public void Corpus_UsesExactlyTheCatalogueCategories_AtLeastThirtyEach()
    {
        using var town = JsonDocument.Parse(File.ReadAllText(RepoFiles.Path("functions", "Deliberation.Api", "Data", "demo-town.json")));
        var catalogue = town.RootElement.GetProperty("catalogue").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).Order().ToArray();
        var counts = Corpus.GroupBy(e => e.Label).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(catalogue, counts.Keys.Order().ToArray());
        Assert.All(counts, c => Assert.True(c.Value >= 30, $"{c.Key}: {c.Value} examples"));
    }

    [Fact]
    public void Corpus_MixesScripts_AndHasSomeEnglish_ForEveryCategory()
    {
        foreach (var group in Corpus.GroupBy(e => e.Label))
        {
            var english = group.Count(e => e.Text.All(c => c < 128));
            var traditional = group.Count(e => e.Text != Text.TextNormaliser.Normalise(e.Text).Replace(" ", "", StringComparison.Ordinal) && e.Text.Any(IsTraditionalOnly));
            Assert.True(english >= 2, $"{group.Key}: {english} English");
            Assert.True(traditional >= 5, $"{group.Key}: {traditional} traditional");
        }
    }

    [Fact]
    public void Corpus_StratifiedFiveFold_ReachesTheBar()
    {
        var outcomes = new List<(string, string)>();
        foreach (var (train, test) in Folds.Stratified(Corpus, 5))
        {
            var classifier = TextClassifier.Train(train);
            outcomes.AddRange(test.Select(e => (e.Label, classifier.Classify(e.Text).Label)));
        }

        var report = EvaluationReport.Create(outcomes);
        output.WriteLine($"5-fold accuracy={report.Accuracy:F4} macro_f1={report.MacroF1:F4}");
        Assert.True(report.MacroF1 >= MacroF1Bar, $"macro-F1 {report.MacroF1:F4} < {MacroF1Bar}");
    }

    private static bool IsTraditionalOnly(char c) => Text.TextNormaliser.Normalise(c.ToString()) != c.ToString();
}
