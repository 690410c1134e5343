using System.Diagnostics;
using System.Globalization;
using Deliberation.Classification;
using Deliberation.Classification.Data;
using Deliberation.Classification.Evaluation;
using Deliberation.Classifier.Cli;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.OutputEncoding = System.Text.Encoding.UTF8;

const string Usage = """
    usage:
      classifier eval --train FILE --test FILE [options]   train on one CSV, report on the other
      classifier train --corpus FILE [--corpus FILE ...] --out MODEL [options]   (re)build a model file
      classifier cv --corpus FILE [--folds K] [options]    stratified K-fold cross-validation (default 5)
      classifier urgency-eval [--set FILE] [--town FILE]    recall and precision of the emergency detector
                                                           (default: the labelled set in tests/ and the demo town)
    CSV layouts: 'label,text' or 'message_id,label,title,detail' (title + detail are the text).
    options:
      --algorithm perceptron|softmax|cnb   learner (default perceptron)
      --ngrams MIN-MAX                     character n-gram lengths (default 1-2)
      --hash-bits N                        hashing space 2^N (default 20)
      --min-df N                           drop features seen in fewer than N training texts (default 1)
      --epochs N                           passes of the SGD learners (default 12)
      --lambda X                           L2 strength (default 1e-5)
      --drop-overlap                       eval only: drop training texts that near-duplicate a test text
    """;

try
{
    var arguments = Arguments.Parse(args);
    return arguments.Command switch
    {
        "eval" => Eval(arguments),
        "train" => TrainCommand(arguments),
        "cv" => CrossValidate(arguments),
        "urgency-eval" => UrgencyEval.Run(arguments),
        _ => Fail(Usage),
    };
}
catch (ArgumentException e)
{
    return Fail($"classifier: {e.Message}\n\n{Usage}");
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
{
    return Fail($"classifier: {e.Message}");
}

static int Fail(string message)
{
    Console.Error.WriteLine(message);
    return 2;
}

static int Eval(Arguments arguments)
{
    var trainPath = arguments.Single("train");
    var testPath = arguments.Single("test");
    var train = LabelledCsv.Read(trainPath);
    var test = LabelledCsv.Read(testPath);
    Console.WriteLine($"train: {trainPath} ({train.Count} examples)");
    Console.WriteLine($"test:  {testPath} ({test.Count} examples)");
    if (arguments.Flag("drop-overlap"))
    {
        var kept = Overlap.WithoutNearDuplicates(train, test);
        Console.WriteLine($"drop-overlap: removed {train.Count - kept.Count} training texts that near-duplicate a test text");
        train = kept;
    }

    var options = arguments.Options();
    Console.WriteLine($"options: {Describe(options)}");

    var stopwatch = Stopwatch.StartNew();
    var classifier = TextClassifier.Train(train, options);
    stopwatch.Stop();
    Console.WriteLine($"training time: {stopwatch.Elapsed.TotalSeconds:F3} s ({classifier.FeatureCount} features, {classifier.Labels.Count} labels)");
    using (var model = new MemoryStream())
    {
        classifier.Save(model);
        Console.WriteLine($"model size: {model.Length / 1024.0:F0} KiB (gzip)");
    }

    var report = EvaluationReport.Evaluate(classifier, test);
    Console.WriteLine();
    Console.Write(report.Format());
    Console.WriteLine();
    Console.WriteLine($"classifications per second (one thread): {Speed(classifier, test):F0}");
    Console.WriteLine($"accuracy={report.Accuracy:F4} macro_f1={report.MacroF1:F4}");
    return 0;
}

static int CrossValidate(Arguments arguments)
{
    var path = arguments.Single("corpus");
    var examples = LabelledCsv.Read(path);
    var folds = arguments.All("folds") is [var k] ? int.Parse(k, CultureInfo.InvariantCulture) : 5;
    if (folds < 2) throw new ArgumentException("--folds must be at least 2.");
    var options = arguments.Options();
    Console.WriteLine($"corpus: {path} ({examples.Count} examples), {folds} stratified folds");
    Console.WriteLine($"options: {Describe(options)}");
    var outcomes = new List<(string Truth, string Predicted)>();
    var stopwatch = new Stopwatch();
    foreach (var (train, test) in Folds.Stratified(examples, folds))
    {
        stopwatch.Start();
        var classifier = TextClassifier.Train(train, options);
        stopwatch.Stop();
        outcomes.AddRange(test.Select(e => (e.Label, classifier.Classify(e.Text).Label)));
    }

    var report = EvaluationReport.Create(outcomes);
    Console.WriteLine($"training time: {stopwatch.Elapsed.TotalSeconds / folds:F3} s per fold");
    Console.WriteLine();
    Console.Write(report.Format());
    Console.WriteLine($"accuracy={report.Accuracy:F4} macro_f1={report.MacroF1:F4}");
    return 0;
}

static int TrainCommand(Arguments arguments)
{
    var corpora = arguments.All("corpus");
    if (corpora.Count == 0) throw new ArgumentException("--corpus is required (repeat it for several files).");
    var output = arguments.Single("out");
    var examples = new List<(string Label, string Text)>();
    foreach (var path in corpora)
    {
        var read = LabelledCsv.Read(path);
        Console.WriteLine($"corpus: {path} ({read.Count} examples)");
        examples.AddRange(read);
    }

    var options = arguments.Options();
    var stopwatch = Stopwatch.StartNew();
    var classifier = TextClassifier.Train(examples, options);
    stopwatch.Stop();
    var directory = Path.GetDirectoryName(Path.GetFullPath(output));
    if (directory is not null) Directory.CreateDirectory(directory);

    // Write beside, then move: a running app never sees a half-written model.
    var temporary = output + ".tmp";
    classifier.Save(temporary);
    File.Move(temporary, output, overwrite: true);
    Console.WriteLine($"trained on {examples.Count} examples, {classifier.Labels.Count} labels, {classifier.FeatureCount} features in {stopwatch.Elapsed.TotalSeconds:F3} s");
    Console.WriteLine($"model: {output} ({new FileInfo(output).Length / 1024.0:F0} KiB)");
    return 0;
}

// Single-threaded: whole passes over the test texts after one warm-up pass, for at least a second.
static double Speed(TextClassifier classifier, IReadOnlyList<(string Label, string Text)> test)
{
    if (test.Count == 0) return 0;
    foreach (var (_, text) in test) classifier.Classify(text);
    var count = 0;
    var stopwatch = Stopwatch.StartNew();
    do
    {
        foreach (var (_, text) in test) classifier.Classify(text);
        count += test.Count;
    }
    while (stopwatch.Elapsed < TimeSpan.FromSeconds(1));
    return count / stopwatch.Elapsed.TotalSeconds;
}

static string Describe(ClassifierOptions o) =>
    $"algorithm={o.Algorithm} ngrams={o.MinNGram}-{o.MaxNGram} hash_bits={o.HashBits} min_df={o.MinDocumentFrequency} epochs={o.Epochs} lambda={o.Lambda:G3} seed={o.Seed}";
