using System.Globalization;
using Deliberation.Classification;

namespace Deliberation.Classifier.Cli;

/// <summary>A command word followed by --name value pairs (a name may repeat) and --flags.</summary>
internal sealed class Arguments
{
    private static readonly HashSet<string> Flags = ["drop-overlap"];
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);

    private Arguments(string command) => Command = command;

    public string Command { get; }

    public static Arguments Parse(string[] args)
    {
        var parsed = new Arguments(args.Length > 0 ? args[0] : string.Empty);
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"unexpected '{args[i]}'.");
            var name = args[i][2..];
            if (Flags.Contains(name))
            {
                parsed.Add(name, "true");
                continue;
            }

            if (i + 1 >= args.Length) throw new ArgumentException($"--{name} needs a value.");
            parsed.Add(name, args[++i]);
        }

        return parsed;
    }

    public bool Flag(string name) => values.ContainsKey(name);

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : [];

    public string Single(string name) => All(name) switch
    {
        [var one] => one,
        [] => throw new ArgumentException($"--{name} is required."),
        _ => throw new ArgumentException($"--{name} is given more than once."),
    };

    public ClassifierOptions Options()
    {
        var options = new ClassifierOptions();
        if (Optional("algorithm") is { } algorithm)
        {
            options = options with
            {
                Algorithm = algorithm switch
                {
                    "softmax" => ClassifierAlgorithm.SoftmaxRegression,
                    "perceptron" => ClassifierAlgorithm.AveragedPerceptron,
                    "cnb" => ClassifierAlgorithm.ComplementNaiveBayes,
                    _ => throw new ArgumentException($"unknown --algorithm '{algorithm}'."),
                },
            };
        }

        if (Optional("ngrams") is { } ngrams)
        {
            var parts = ngrams.Split('-');
            options = options with { MinNGram = Int(parts[0], "ngrams"), MaxNGram = Int(parts[^1], "ngrams") };
        }

        if (Optional("hash-bits") is { } bits) options = options with { HashBits = Int(bits, "hash-bits") };
        if (Optional("min-df") is { } minDf) options = options with { MinDocumentFrequency = Int(minDf, "min-df") };
        if (Optional("epochs") is { } epochs) options = options with { Epochs = Int(epochs, "epochs") };
        if (Optional("lambda") is { } lambda)
        {
            options = options with
            {
                Lambda = double.TryParse(lambda, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) ? l : throw new ArgumentException("--lambda needs a number."),
            };
        }

        options.Validate();
        return options;
    }

    private string? Optional(string name) => All(name) switch
    {
        [] => null,
        [var one] => one,
        _ => throw new ArgumentException($"--{name} is given more than once."),
    };

    private static int Int(string text, string name) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new ArgumentException($"--{name} needs a whole number.");

    private void Add(string name, string value)
    {
        if (!values.TryGetValue(name, out var list)) values[name] = list = [];
        list.Add(value);
    }
}
