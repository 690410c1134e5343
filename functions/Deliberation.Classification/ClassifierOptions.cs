namespace Deliberation.Classification;

/// <summary>How a <see cref="TextClassifier"/> is trained. The defaults are the measured best (see README).</summary>
public sealed record ClassifierOptions
{
    /// <summary>The learner fitted to the TF-IDF features.</summary>
    public ClassifierAlgorithm Algorithm { get; init; } = ClassifierAlgorithm.AveragedPerceptron;

    /// <summary>Feature hashing space is 2^HashBits buckets; only buckets seen in training are kept in the model.</summary>
    public int HashBits { get; init; } = 20;

    /// <summary>Shortest and longest character n-gram over runs of Chinese characters (1–2 measured better than 1–3: see README).</summary>
    public int MinNGram { get; init; } = 1;

    /// <inheritdoc cref="MinNGram"/>
    public int MaxNGram { get; init; } = 2;

    /// <summary>A feature must occur in at least this many training texts to be kept (drops one-off noise).</summary>
    public int MinDocumentFrequency { get; init; } = 1;

    /// <summary>Passes over the training data (SGD learners).</summary>
    public int Epochs { get; init; } = 12;

    /// <summary>L2 regularisation strength (SGD learners).</summary>
    public double Lambda { get; init; } = 1e-5;

    /// <summary>Seed of the shuffle between epochs; training is deterministic for a given seed and input order.</summary>
    public int Seed { get; init; } = 20200;

    /// <summary>Checks the values are usable.</summary>
    public void Validate()
    {
        if (HashBits is < 10 or > 24) throw new ArgumentOutOfRangeException(nameof(HashBits), HashBits, "HashBits must be 10..24.");
        if (MinNGram < 1 || MaxNGram < MinNGram || MaxNGram > 5) throw new ArgumentOutOfRangeException(nameof(MaxNGram), MaxNGram, "Need 1 <= MinNGram <= MaxNGram <= 5.");
        if (MinDocumentFrequency < 1) throw new ArgumentOutOfRangeException(nameof(MinDocumentFrequency), MinDocumentFrequency, "Must be at least 1.");
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Must be at least 1.");
        if (Lambda < 0) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Must not be negative.");
    }
}

/// <summary>The learners a <see cref="TextClassifier"/> can fit; all give a linear model over the same features.</summary>
public enum ClassifierAlgorithm
{
    /// <summary>Multinomial logistic regression trained by SGD; probabilities come straight from its softmax.</summary>
    SoftmaxRegression = 1,

    /// <summary>Multiclass margin perceptron with averaged weights; confidence is a softmax over its scores with a fitted scale.</summary>
    AveragedPerceptron = 2,

    /// <summary>Complement naive Bayes; confidence is a softmax over its normalised scores.</summary>
    ComplementNaiveBayes = 3,
}
