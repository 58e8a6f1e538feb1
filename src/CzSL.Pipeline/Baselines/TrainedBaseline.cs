using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Baselines;

/// <summary>
/// A fitted <see cref="ClassicalBaseline"/>: featurizer + normaliser and the trained scorer. Dispose it to release
/// native memory held by fitted transformers (e.g. an ONNX encoder chain).
/// </summary>
public sealed class TrainedBaseline : IDisposable
{
    private readonly ITransformer _features;
    private readonly ITransformer _scorer;

    internal TrainedBaseline(string name, int classCount, ITransformer features, ITransformer scorer, double trainSeconds)
    {
        Name = name;
        ClassCount = classCount;
        _features = features;
        _scorer = scorer;
        TrainSeconds = trainSeconds;
    }

    /// <summary>Method name, e.g. "Sdca (pixels)".</summary>
    public string Name { get; }

    /// <summary>Number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>Wall time of fitting (featurization, normalisation and training).</summary>
    public double TrainSeconds { get; }

    /// <summary>
    /// Class probabilities (rows sum to 1) and argmax predictions for every row of <paramref name="test"/>, in order.
    /// Binary probabilities are the calibrated P(class 1); the prediction is 1 when it is ≥ 0.5.
    /// </summary>
    public BaselinePredictions Predict(IDataView test)
    {
        ArgumentNullException.ThrowIfNull(test);
        var watch = Stopwatch.StartNew();
        var scored = _scorer.Transform(_features.Transform(test));
        var probabilities = ClassCount == 2 ? BinaryProbabilities(scored) : MulticlassProbabilities(scored);
        var predicted = probabilities.Select(ArgMax).ToArray();
        watch.Stop();
        return new BaselinePredictions(probabilities, predicted, watch.Elapsed.TotalSeconds);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        (_scorer as IDisposable)?.Dispose();
        (_features as IDisposable)?.Dispose();
    }

    private static float[][] BinaryProbabilities(IDataView scored) =>
        scored.GetColumn<float>("Probability").Select(p => new[] { 1 - p, p }).ToArray();

    private float[][] MulticlassProbabilities(IDataView scored) =>
        scored.GetColumn<VBuffer<float>>("Score").Select(score =>
        {
            var dense = score.DenseValues().ToArray();
            if (dense.Length != ClassCount)
                throw new InvalidOperationException($"The scorer returned {dense.Length} scores; expected {ClassCount}.");
            var sum = dense.Sum();
            if (sum > 0)
                for (var c = 0; c < dense.Length; c++) dense[c] /= sum;
            return dense;
        }).ToArray();

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }
}

/// <summary>Scores of one test set.</summary>
/// <param name="Probabilities">Per test row, the probability of each class (sums to 1).</param>
/// <param name="Predicted">Per test row, the class with the highest probability (class 1 when its probability is ≥ 0.5 for two classes).</param>
/// <param name="ScoreSeconds">Wall time of scoring the set.</param>
public sealed record BaselinePredictions(IReadOnlyList<float[]> Probabilities, IReadOnlyList<int> Predicted, double ScoreSeconds);

/// <summary>One train-and-score run of a baseline.</summary>
/// <param name="Method">Method name, e.g. "FastForest (CAS)".</param>
/// <param name="Probabilities">Per test row, the class probabilities.</param>
/// <param name="Predicted">Per test row, the predicted class index.</param>
/// <param name="TrainSeconds">Wall time of training.</param>
/// <param name="ScoreSeconds">Wall time of scoring.</param>
public sealed record BaselineRun(string Method, IReadOnlyList<float[]> Probabilities, IReadOnlyList<int> Predicted, double TrainSeconds, double ScoreSeconds);
