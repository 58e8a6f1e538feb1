using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>The images (store indices) and per-sample target rows (row-major, <see cref="IObjective.TargetWidth"/> floats each) of a training or validation set.</summary>
internal sealed record SampleSet(int[] Indices, float[]? Targets);

/// <summary>What a stage trains for: its loss, validation metric, sampling and per-epoch adjustments.</summary>
internal interface IObjective
{
    /// <summary>Floats per target row (0 when the input is its own target).</summary>
    int TargetWidth { get; }

    /// <summary>Per-training-sample sampling weights (balanced sampling), or null for a permutation per epoch.</summary>
    IReadOnlyList<double>? SamplingWeights { get; }

    /// <summary>Whether validation collects softmax rows for <see cref="Metric"/>.</summary>
    bool WantsProbabilities { get; }

    /// <summary>Mean loss of a batch.</summary>
    Tensor Loss(Tensor output, Tensor input, Tensor? targets);

    /// <summary>Validation metric from softmax rows and target rows (row-major, same width), or null.</summary>
    double? Metric(float[] probabilities, float[] targets);

    /// <summary>Called after <c>model.train()</c> at the start of each 0-based epoch (e.g. to freeze layers).</summary>
    void BeforeEpoch(int epoch);
}
