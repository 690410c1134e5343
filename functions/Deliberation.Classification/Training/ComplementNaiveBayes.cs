namespace Deliberation.Classification.Training;

/// <summary>
/// Complement naive Bayes (Rennie et al. 2003) over TF-IDF values, with weight normalisation:
/// a class scores high when the text looks unlike every other class.
/// </summary>
internal static class ComplementNaiveBayes
{
    private const double Alpha = 0.3;

    public static LinearWeights Fit(TrainingSet set, ClassifierOptions options)
    {
        _ = options;
        var classes = set.Classes;
        var perClass = new double[set.Rows * classes];
        var total = new double[set.Rows];
        for (var i = 0; i < set.Documents.Length; i++)
        {
            var doc = set.Documents[i];
            for (var k = 0; k < doc.Rows.Length; k++)
            {
                perClass[doc.Rows[k] * classes + set.Labels[i]] += doc.Values[k];
                total[doc.Rows[k]] += doc.Values[k];
            }
        }

        var grand = total.Sum();
        var classTotals = new double[classes];
        for (var r = 0; r < set.Rows; r++)
        {
            for (var c = 0; c < classes; c++) classTotals[c] += perClass[r * classes + c];
        }

        var weights = new float[set.Rows * classes];
        for (var c = 0; c < classes; c++)
        {
            var complementTotal = grand - classTotals[c] + Alpha * set.Rows;
            var norm = 0.0;
            for (var r = 0; r < set.Rows; r++)
            {
                var w = Math.Log((total[r] - perClass[r * classes + c] + Alpha) / complementTotal);
                weights[r * classes + c] = (float)w;
                norm += Math.Abs(w);
            }

            for (var r = 0; r < set.Rows; r++)
            {
                weights[r * classes + c] = (float)(-weights[r * classes + c] / norm);
            }
        }

        var bias = new float[classes];
        var trainingScores = new List<double[]>(set.Documents.Length);
        foreach (var doc in set.Documents)
        {
            var s = new double[classes];
            SoftmaxRegression.Scores(doc, weights, bias, 1.0, classes, s);
            trainingScores.Add(s);
        }

        return new LinearWeights(weights, bias, Softmax.FitScale(trainingScores, set.Labels));
    }
}
