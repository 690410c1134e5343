namespace Deliberation.Classification.Training;

internal static class Softmax
{
    /// <summary>Replaces scores by softmax(scale * scores).</summary>
    public static void InPlace(Span<double> scores, double scale)
    {
        var max = double.NegativeInfinity;
        foreach (var s in scores) max = Math.Max(max, s);
        var sum = 0.0;
        for (var c = 0; c < scores.Length; c++)
        {
            scores[c] = Math.Exp(scale * (scores[c] - max));
            sum += scores[c];
        }

        for (var c = 0; c < scores.Length; c++) scores[c] /= sum;
    }

    /// <summary>
    /// The scale that maximises the likelihood of the true labels under softmax(scale * scores), from a
    /// coarse geometric grid: enough to make margins of non-probabilistic learners read as confidences.
    /// </summary>
    public static float FitScale(IReadOnlyList<double[]> scores, int[] labels)
    {
        var best = 1.0;
        var bestLikelihood = double.NegativeInfinity;
        var buffer = new double[scores.Count == 0 ? 0 : scores[0].Length];
        var spread = scores.Count == 0 ? 1.0 : scores.Average(s => s.Max() - s.Min());
        var unit = spread > 0 ? 1.0 / spread : 1.0;
        for (var multiple = 0.125; multiple <= 512; multiple *= 1.25)
        {
            var scale = unit * multiple;
            var likelihood = 0.0;
            for (var i = 0; i < scores.Count; i++)
            {
                scores[i].CopyTo(buffer, 0);
                InPlace(buffer, scale);
                likelihood += Math.Log(Math.Max(buffer[labels[i]], 1e-12));
            }

            if (likelihood > bestLikelihood)
            {
                bestLikelihood = likelihood;
                best = scale;
            }
        }

        return (float)best;
    }
}
