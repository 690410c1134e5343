using System.IO.Compression;
using System.Text;
using Deliberation.Classification.Text;
using Deliberation.Classification.Training;

namespace Deliberation.Classification;

/// <summary>
/// A CPU-only classifier for short Chinese texts (simplified or traditional, raw or word-segmented, with some
/// English): normalised text → hashed character 1–2-grams → sublinear TF-IDF, L2-normalised → a linear model.
/// Immutable once trained or loaded, so one instance can serve concurrent callers.
/// </summary>
public sealed class TextClassifier
{
    private const int Magic = 0x534C4344; // "DCLS"
    private const int FormatVersion = 1;

    private readonly string[] labels;
    private readonly int[] rowOfHash; // hash bucket → feature row, or -1 when training never saw it
    private readonly float[] idf;
    private readonly LinearWeights model;
    private readonly FeatureHasher hasher;

    private TextClassifier(ClassifierOptions options, string[] labels, int[] rowOfHash, float[] idf, LinearWeights model)
    {
        Options = options;
        this.labels = labels;
        this.rowOfHash = rowOfHash;
        this.idf = idf;
        this.model = model;
        hasher = new FeatureHasher(options.HashBits, options.MinNGram, options.MaxNGram);
    }

    /// <summary>The options it was trained with.</summary>
    public ClassifierOptions Options { get; }

    /// <summary>Every label it can give, in ordinal order.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>How many features (hashed n-grams) the model keeps.</summary>
    public int FeatureCount => idf.Length;

    /// <summary>Trains a classifier. Deterministic: the same examples in the same order and options give the same model.</summary>
    /// <exception cref="ArgumentException">Fewer than two distinct labels, or a blank label.</exception>
    public static TextClassifier Train(IEnumerable<(string Label, string Text)> examples, ClassifierOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(examples);
        options ??= new ClassifierOptions();
        options.Validate();
        var items = examples.ToArray();
        if (items.Any(e => string.IsNullOrWhiteSpace(e.Label)))
        {
            throw new ArgumentException("Every example needs a label.", nameof(examples));
        }

        var labels = items.Select(e => e.Label.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (labels.Length < 2)
        {
            throw new ArgumentException("Training needs examples of at least two labels.", nameof(examples));
        }

        var hasher = new FeatureHasher(options.HashBits, options.MinNGram, options.MaxNGram);
        var counted = items.Select(e => CountFeatures(hasher, e.Text ?? string.Empty)).ToArray();

        var documentFrequency = new int[1 << options.HashBits];
        foreach (var (hashes, _) in counted)
        {
            foreach (var h in hashes) documentFrequency[h]++;
        }

        var rowOfHash = new int[documentFrequency.Length];
        var idfs = new List<float>();
        for (var h = 0; h < documentFrequency.Length; h++)
        {
            if (documentFrequency[h] >= options.MinDocumentFrequency)
            {
                rowOfHash[h] = idfs.Count;
                idfs.Add((float)(Math.Log((1.0 + items.Length) / (1.0 + documentFrequency[h])) + 1.0));
            }
            else
            {
                rowOfHash[h] = -1;
            }
        }

        var idf = idfs.ToArray();
        var documents = counted.Select(c => Weigh(c.Hashes, c.Counts, rowOfHash, idf)).ToArray();
        var labelIndex = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => p.i, StringComparer.Ordinal);
        var set = new TrainingSet(documents, items.Select(e => labelIndex[e.Label.Trim()]).ToArray(), idf.Length, labels.Length);
        var model = options.Algorithm switch
        {
            ClassifierAlgorithm.SoftmaxRegression => SoftmaxRegression.Fit(set, options),
            ClassifierAlgorithm.AveragedPerceptron => AveragedPerceptron.Fit(set, options),
            ClassifierAlgorithm.ComplementNaiveBayes => ComplementNaiveBayes.Fit(set, options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Algorithm, "Unknown algorithm."),
        };
        return new TextClassifier(options, labels, rowOfHash, idf, model);
    }

    /// <summary>The best label for <paramref name="text"/>, its confidence, and all labels ranked.</summary>
    public Classification Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var classes = labels.Length;
        Span<double> scores = classes <= 64 ? stackalloc double[classes] : new double[classes];
        Score(text, scores);
        Softmax.InPlace(scores, model.SoftmaxScale);

        var ranked = new (string Label, double Score)[classes];
        for (var c = 0; c < classes; c++) ranked[c] = (labels[c], scores[c]);

        // Stable: ties keep ordinal label order, so results never depend on sort internals.
        var order = ranked.Select((r, i) => (r, i)).OrderByDescending(p => p.r.Score).ThenBy(p => p.i).Select(p => p.r).ToArray();
        return new Classification(order[0].Label, order[0].Score, order);
    }

    /// <summary>Writes the model (gzip-compressed binary) to <paramref name="stream"/>, leaving it open.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gzip = new GZipStream(stream, CompressionLevel.SmallestSize, leaveOpen: true);
        using var writer = new BinaryWriter(gzip, Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write((int)Options.Algorithm);
        writer.Write(Options.HashBits);
        writer.Write(Options.MinNGram);
        writer.Write(Options.MaxNGram);
        writer.Write(Options.MinDocumentFrequency);
        writer.Write(Options.Epochs);
        writer.Write(Options.Lambda);
        writer.Write(Options.Seed);
        writer.Write(labels.Length);
        foreach (var label in labels) writer.Write(label);
        writer.Write(idf.Length);
        var previous = -1;
        for (var h = 0; h < rowOfHash.Length; h++)
        {
            var row = rowOfHash[h];
            if (row < 0) continue;
            writer.Write7BitEncodedInt(h - previous); // rows are numbered in hash order, so deltas suffice
            previous = h;
            writer.Write(idf[row]);
            for (var c = 0; c < labels.Length; c++) writer.Write(model.Weights[row * labels.Length + c]);
        }

        foreach (var b in model.Bias) writer.Write(b);
        writer.Write(model.SoftmaxScale);
    }

    /// <summary>Writes the model to a file, replacing it.</summary>
    public void Save(string path)
    {
        using var file = File.Create(path);
        Save(file);
    }

    /// <summary>Reads a model written by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">Not a model file, or one of another format version.</exception>
    public static TextClassifier Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var gzip = new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true);
        using var reader = new BinaryReader(gzip, Encoding.UTF8, leaveOpen: true);
        if (reader.ReadInt32() != Magic) throw new InvalidDataException("Not a Deliberation classifier model.");
        var version = reader.ReadInt32();
        if (version != FormatVersion) throw new InvalidDataException($"Model format {version} is not supported (expected {FormatVersion}).");
        var options = new ClassifierOptions
        {
            Algorithm = (ClassifierAlgorithm)reader.ReadInt32(),
            HashBits = reader.ReadInt32(),
            MinNGram = reader.ReadInt32(),
            MaxNGram = reader.ReadInt32(),
            MinDocumentFrequency = reader.ReadInt32(),
            Epochs = reader.ReadInt32(),
            Lambda = reader.ReadDouble(),
            Seed = reader.ReadInt32(),
        };
        options.Validate();
        var labels = new string[reader.ReadInt32()];
        for (var c = 0; c < labels.Length; c++) labels[c] = reader.ReadString();
        var rows = reader.ReadInt32();
        var rowOfHash = new int[1 << options.HashBits];
        Array.Fill(rowOfHash, -1);
        var idf = new float[rows];
        var weights = new float[rows * labels.Length];
        var hash = -1;
        for (var row = 0; row < rows; row++)
        {
            hash += reader.Read7BitEncodedInt();
            rowOfHash[hash] = row;
            idf[row] = reader.ReadSingle();
            for (var c = 0; c < labels.Length; c++) weights[row * labels.Length + c] = reader.ReadSingle();
        }

        var bias = new float[labels.Length];
        for (var c = 0; c < labels.Length; c++) bias[c] = reader.ReadSingle();
        var scale = reader.ReadSingle();
        return new TextClassifier(options, labels, rowOfHash, idf, new LinearWeights(weights, bias, scale));
    }

    /// <summary>Reads a model file.</summary>
    public static TextClassifier Load(string path)
    {
        using var file = File.OpenRead(path);
        return Load(file);
    }

    private void Score(string text, Span<double> scores)
    {
        var classes = labels.Length;
        var buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            var length = TextNormaliser.Normalise(text, buffer);
            using var features = new PooledInts(length * 3);
            hasher.Extract(buffer.AsSpan(0, length), features);
            var hashes = features.Span;
            hashes.Sort();
            scores.Clear();
            var sumOfSquares = 0.0;
            for (var i = 0; i < hashes.Length;)
            {
                var h = hashes[i];
                var count = 0;
                while (i < hashes.Length && hashes[i] == h) { i++; count++; }
                var row = rowOfHash[h];
                if (row < 0) continue;
                var value = (1.0 + Math.Log(count)) * idf[row];
                sumOfSquares += value * value;
                var offset = row * classes;
                for (var c = 0; c < classes; c++) scores[c] += model.Weights[offset + c] * value;
            }

            // The features are L2-normalised; scaling the dot products afterwards is the same thing.
            var norm = sumOfSquares > 0 ? 1.0 / Math.Sqrt(sumOfSquares) : 0.0;
            for (var c = 0; c < classes; c++) scores[c] = scores[c] * norm + model.Bias[c];
        }
        finally
        {
            System.Buffers.ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static (int[] Hashes, int[] Counts) CountFeatures(FeatureHasher hasher, string text)
    {
        var normalised = TextNormaliser.Normalise(text);
        using var features = new PooledInts(normalised.Length * 3);
        hasher.Extract(normalised, features);
        var span = features.Span;
        span.Sort();
        var hashes = new List<int>();
        var counts = new List<int>();
        for (var i = 0; i < span.Length;)
        {
            var h = span[i];
            var count = 0;
            while (i < span.Length && span[i] == h) { i++; count++; }
            hashes.Add(h);
            counts.Add(count);
        }

        return (hashes.ToArray(), counts.ToArray());
    }

    private static SparseVector Weigh(int[] hashes, int[] counts, int[] rowOfHash, float[] idf)
    {
        var rows = new List<int>(hashes.Length);
        var values = new List<float>(hashes.Length);
        var sumOfSquares = 0.0;
        for (var k = 0; k < hashes.Length; k++)
        {
            var row = rowOfHash[hashes[k]];
            if (row < 0) continue;
            var value = (1.0 + Math.Log(counts[k])) * idf[row];
            rows.Add(row);
            values.Add((float)value);
            sumOfSquares += value * value;
        }

        var norm = sumOfSquares > 0 ? (float)(1.0 / Math.Sqrt(sumOfSquares)) : 0f;
        var v = values.ToArray();
        for (var k = 0; k < v.Length; k++) v[k] *= norm;
        return new SparseVector(rows.ToArray(), v);
    }
}
