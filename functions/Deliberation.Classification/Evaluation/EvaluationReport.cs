using System.Globalization;
using System.Text;

namespace Deliberation.Classification.Evaluation;

/// <summary>Precision, recall and F1 of one label, and how many test examples carry it.</summary>
public sealed record ClassScore(string Label, double Precision, double Recall, double F1, int Support);

/// <summary>
/// How predictions compare with the truth: accuracy, macro-F1 (the unweighted mean of per-label F1 over every
/// label that occurs as truth or prediction), per-label scores and the confusion matrix (rows truth, columns predicted).
/// </summary>
public sealed class EvaluationReport
{
    private EvaluationReport(IReadOnlyList<string> labels, int[,] confusion, int total)
    {
        Labels = labels;
        Confusion = confusion;
        Total = total;
        var correct = 0;
        var scores = new List<ClassScore>();
        for (var i = 0; i < labels.Count; i++)
        {
            correct += confusion[i, i];
            int truth = 0, predicted = 0;
            for (var j = 0; j < labels.Count; j++)
            {
                truth += confusion[i, j];
                predicted += confusion[j, i];
            }

            var precision = predicted == 0 ? 0 : (double)confusion[i, i] / predicted;
            var recall = truth == 0 ? 0 : (double)confusion[i, i] / truth;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.Add(new ClassScore(labels[i], precision, recall, f1, truth));
        }

        PerClass = scores;
        Accuracy = total == 0 ? 0 : (double)correct / total;
        MacroF1 = scores.Count == 0 ? 0 : scores.Average(s => s.F1);
    }

    /// <summary>Labels in row/column order of <see cref="Confusion"/>.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Counts: [truth, predicted].</summary>
    public int[,] Confusion { get; }

    /// <summary>Number of test examples.</summary>
    public int Total { get; }

    /// <summary>Share of examples whose prediction is the truth.</summary>
    public double Accuracy { get; }

    /// <summary>Unweighted mean of the per-label F1.</summary>
    public double MacroF1 { get; }

    /// <summary>Scores per label, in <see cref="Labels"/> order.</summary>
    public IReadOnlyList<ClassScore> PerClass { get; }

    /// <summary>Builds the report from (truth, predicted) pairs.</summary>
    public static EvaluationReport Create(IEnumerable<(string Truth, string Predicted)> outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var pairs = outcomes.ToArray();
        var labels = pairs.SelectMany(p => new[] { p.Truth, p.Predicted }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var confusion = new int[labels.Length, labels.Length];
        foreach (var (truth, predicted) in pairs)
        {
            confusion[index[truth], index[predicted]]++;
        }

        return new EvaluationReport(labels, confusion, pairs.Length);
    }

    /// <summary>Classifies every example with <paramref name="classifier"/> and reports on the outcome.</summary>
    public static EvaluationReport Evaluate(TextClassifier classifier, IEnumerable<(string Label, string Text)> examples)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(examples);
        return Create(examples.Select(e => (e.Label, classifier.Classify(e.Text).Label)).ToArray());
    }

    /// <summary>Per-label scores and the confusion matrix as aligned plain text.</summary>
    public string Format()
    {
        var ci = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        var width = Math.Max(5, Labels.Max(DisplayWidth));
        text.Append(Pad("label", width)).Append("  precision  recall      f1  support\n");
        foreach (var s in PerClass)
        {
            text.Append(Pad(s.Label, width))
                .Append(ci, $"  {s.Precision,9:F4}  {s.Recall,6:F4}  {s.F1,6:F4}  {s.Support,7}\n");
        }

        text.Append("\nconfusion matrix (rows: truth, columns: predicted)\n");
        text.Append(Pad(string.Empty, width));
        for (var j = 0; j < Labels.Count; j++) text.Append(ci, $" {"c" + j,5}");
        text.Append('\n');
        for (var i = 0; i < Labels.Count; i++)
        {
            text.Append(Pad($"c{i} {Labels[i]}", width));
            for (var j = 0; j < Labels.Count; j++) text.Append(ci, $" {Confusion[i, j],5}");
            text.Append('\n');
        }

        return text.ToString();
    }

    // Chinese characters take two columns in a terminal.
    private static int DisplayWidth(string s) => s.Sum(c => c > '\u2E80' ? 2 : 1) + 4;

    private static string Pad(string s, int width) => s + new string(' ', Math.Max(0, width - DisplayWidth(s) + 4));
}
