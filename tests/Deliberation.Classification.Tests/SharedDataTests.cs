using Deliberation.Classification.Data;
using Deliberation.Classification.Evaluation;
using Xunit.Abstractions;

namespace Deliberation.Classification.Tests;

/// <summary>The bar on the Teddy Cup 2020 C data: train on the segmented file, test on the raw one.</summary>
public sealed class SharedDataTests(ITestOutputHelper output)
{
    private const string Train = "teddycup2020c/train_segmented.csv";
    private const string Test = "teddycup2020c/dev_raw.csv";

    [SharedDataFact(Train, Test)]
    public void TeddyCup_TrainSegmented_TestRaw_MacroF1AtLeast092()
    {
        var classifier = TextClassifier.Train(LabelledCsv.Read(Path.Combine(RepoFiles.SharedData, Train)));
        var report = EvaluationReport.Evaluate(classifier, LabelledCsv.Read(Path.Combine(RepoFiles.SharedData, Test)));
        output.WriteLine($"accuracy={report.Accuracy:F4} macro_f1={report.MacroF1:F4}");
        Assert.True(report.MacroF1 >= 0.92, $"macro-F1 {report.MacroF1:F4} < 0.92");
    }
}
