using System.Diagnostics;
using Deliberation.Classification;
using Deliberation.Classification.Data;
using Deliberation.Domain.Routing;
using Deliberation.Api.Hosting;
using Deliberation.Storage.Intake;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Classification;

/// <summary>Where the local classifier comes from.</summary>
public sealed class ClassifierOptions
{
    public const string Section = "Classifier";

    /// <summary>A model trained with <c>./dev classifier train</c>; when set and present it is loaded as is.</summary>
    public string? ModelFile { get; set; }

    /// <summary>Otherwise a model is trained at start from these corpora plus the staff corrections.</summary>
    public string[] CorpusFiles { get; set; } = ["Data/corpus/default.csv"];
}

/// <summary>The local engine (the default): a model file, or one trained at start from the corpus and the corrections.</summary>
public sealed partial class LocalClassifier(TextClassifier model) : ICategoryClassifier
{
    public TextClassifier Model { get; } = model;

    public CategoryGuess? Classify(string text)
    {
        var result = Model.Classify(text);
        return new CategoryGuess(result.Label, result.Confidence, result.Ranked);
    }

    public static async Task<LocalClassifier> LoadAsync(IOptions<ClassifierOptions> options, Corrections corrections, ILogger logger, CancellationToken cancellationToken)
    {
        var value = options.Value;
        if (value.ModelFile is { } file && File.Exists(TownOptions.Resolve(file)))
        {
            var loaded = TextClassifier.Load(TownOptions.Resolve(file));
            LogLoaded(logger, loaded.Labels.Count);
            return new LocalClassifier(loaded);
        }

        var examples = value.CorpusFiles.SelectMany(f => LabelledCsv.Read(TownOptions.Resolve(f))).Select(e => (e.Label, e.Text)).ToList();
        var corrected = await corrections.AllAsync(cancellationToken);
        var watch = Stopwatch.StartNew();
        var model = TextClassifier.Train([.. examples, .. corrected]);
        LogTrained(logger, examples.Count, corrected.Count, watch.ElapsedMilliseconds);
        return new LocalClassifier(model);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier loaded from its model file ({Labels} categories)")]
    private static partial void LogLoaded(ILogger logger, int labels);

    [LoggerMessage(Level = LogLevel.Information, Message = "Classifier trained at start on {Examples} corpus examples and {Corrections} staff corrections in {Milliseconds} ms")]
    private static partial void LogTrained(ILogger logger, int examples, int corrections, long milliseconds);
}
