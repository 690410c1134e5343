namespace Deliberation.Classification.Training;

/// <summary>A TF-IDF text as sorted feature rows with L2-normalised values.</summary>
internal readonly record struct SparseVector(int[] Rows, float[] Values);

/// <summary>
/// What every learner produces: per feature row a weight for each class (row-major, row * classes + class),
/// a bias per class, and the factor applied to the scores before the softmax that gives confidences.
/// </summary>
internal sealed record LinearWeights(float[] Weights, float[] Bias, float SoftmaxScale);

/// <summary>The training set as the learners see it.</summary>
internal sealed record TrainingSet(SparseVector[] Documents, int[] Labels, int Rows, int Classes);
