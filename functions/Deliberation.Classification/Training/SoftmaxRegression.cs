namespace Deliberation.Classification.Training;

/// <summary>
/// Multinomial logistic regression by stochastic gradient descent with L2 decay (applied lazily through a
/// scale factor so each step touches only the document's features) and a learning rate that decays per epoch.
/// </summary>
internal static class SoftmaxRegression
{
    public static LinearWeights Fit(TrainingSet set, ClassifierOptions options)
    {
        var classes = set.Classes;
        var weights = new float[set.Rows * classes];
        var bias = new float[classes];
        var scores = new double[classes];
        var order = Enumerable.Range(0, set.Documents.Length).ToArray();
        var random = new Random(options.Seed);
        var scale = 1.0;
        const double Eta0 = 0.5;
        var step = 0L;
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            random.Shuffle(order);
            foreach (var index in order)
            {
                var eta = Eta0 / (1.0 + (double)step++ / set.Documents.Length);
                var doc = set.Documents[index];
                Scores(doc, weights, bias, scale, classes, scores);
                Softmax.InPlace(scores, 1.0);
                scores[set.Labels[index]] -= 1.0; // the gradient of the log-loss on the scores

                scale *= 1.0 - eta * options.Lambda;
                var step1 = eta / scale;
                for (var k = 0; k < doc.Rows.Length; k++)
                {
                    var row = doc.Rows[k] * classes;
                    var x = doc.Values[k] * step1;
                    for (var c = 0; c < classes; c++)
                    {
                        weights[row + c] -= (float)(scores[c] * x);
                    }
                }

                for (var c = 0; c < classes; c++)
                {
                    bias[c] -= (float)(eta * scores[c]);
                }

                if (scale < 1e-6)
                {
                    Rescale(weights, ref scale);
                }
            }
        }

        Rescale(weights, ref scale);
        return new LinearWeights(weights, bias, 1f);
    }

    internal static void Scores(SparseVector doc, float[] weights, float[] bias, double scale, int classes, double[] scores)
    {
        Array.Clear(scores);
        for (var k = 0; k < doc.Rows.Length; k++)
        {
            var row = doc.Rows[k] * classes;
            var x = doc.Values[k];
            for (var c = 0; c < classes; c++)
            {
                scores[c] += weights[row + c] * x;
            }
        }

        for (var c = 0; c < classes; c++)
        {
            scores[c] = scores[c] * scale + bias[c];
        }
    }

    private static void Rescale(float[] weights, ref double scale)
    {
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = (float)(weights[i] * scale);
        }

        scale = 1.0;
    }
}
