namespace Deliberation.Classification.Training;

/// <summary>
/// Multiclass perceptron that also updates when the true class wins by less than a margin, with the weights
/// averaged over all steps (the usual cure for the perceptron's last-example bias).
/// </summary>
internal static class AveragedPerceptron
{
    private const double Margin = 0.1;

    /// <summary>
    /// Fits the weights on all examples; the softmax scale is fitted on every fifth example scored by a model
    /// trained without them, because scores on seen examples are over-confident.
    /// </summary>
    public static LinearWeights Fit(TrainingSet set, ClassifierOptions options)
    {
        var (weights, bias) = FitWeights(set, options);
        if (set.Documents.Length < 50)
        {
            return new LinearWeights(weights, bias, Softmax.FitScale(ScoresOf(set.Documents, weights, bias, set.Classes), set.Labels));
        }

        var heldOut = Enumerable.Range(0, set.Documents.Length).Where(i => i % 5 == 4).ToArray();
        var fitted = Enumerable.Range(0, set.Documents.Length).Where(i => i % 5 != 4).ToArray();
        var part = set with { Documents = fitted.Select(i => set.Documents[i]).ToArray(), Labels = fitted.Select(i => set.Labels[i]).ToArray() };
        var (partWeights, partBias) = FitWeights(part, options);
        var scale = Softmax.FitScale(
            ScoresOf(heldOut.Select(i => set.Documents[i]).ToArray(), partWeights, partBias, set.Classes),
            heldOut.Select(i => set.Labels[i]).ToArray());
        return new LinearWeights(weights, bias, scale);
    }

    private static List<double[]> ScoresOf(SparseVector[] documents, float[] weights, float[] bias, int classes)
    {
        var scores = new List<double[]>(documents.Length);
        foreach (var doc in documents)
        {
            var s = new double[classes];
            SoftmaxRegression.Scores(doc, weights, bias, 1.0, classes, s);
            scores.Add(s);
        }

        return scores;
    }

    private static (float[] Weights, float[] Bias) FitWeights(TrainingSet set, ClassifierOptions options)
    {
        var classes = set.Classes;
        var weights = new float[set.Rows * classes];
        var sums = new double[set.Rows * classes]; // sum of step * update, for the averaging trick
        var bias = new double[classes];
        var biasSums = new double[classes];
        var scores = new double[classes];
        var order = Enumerable.Range(0, set.Documents.Length).ToArray();
        var random = new Random(options.Seed);
        var biasF = new float[classes];
        var step = 1L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var doc = set.Documents[index];
                for (var c = 0; c < classes; c++) biasF[c] = (float)bias[c];
                SoftmaxRegression.Scores(doc, weights, biasF, 1.0, classes, scores);
                var truth = set.Labels[index];
                var rival = -1;
                for (var c = 0; c < classes; c++)
                {
                    if (c != truth && (rival < 0 || scores[c] > scores[rival])) rival = c;
                }

                if (rival >= 0 && scores[truth] - scores[rival] < Margin)
                {
                    for (var k = 0; k < doc.Rows.Length; k++)
                    {
                        var row = doc.Rows[k] * classes;
                        var x = doc.Values[k];
                        weights[row + truth] += x;
                        weights[row + rival] -= x;
                        sums[row + truth] += step * x;
                        sums[row + rival] -= step * x;
                    }

                    bias[truth] += 1; bias[rival] -= 1;
                    biasSums[truth] += step; biasSums[rival] -= step;
                }

                step++;
            }
        }

        var averaged = new float[weights.Length];
        for (var i = 0; i < weights.Length; i++) averaged[i] = (float)(weights[i] - sums[i] / step);
        var averagedBias = new float[classes];
        for (var c = 0; c < classes; c++) averagedBias[c] = (float)(bias[c] - biasSums[c] / step);

        return (averaged, averagedBias);
    }
}
