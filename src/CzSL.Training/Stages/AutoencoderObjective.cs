using CzSL.Training.Loop;
using static TorchSharp.torch;

namespace CzSL.Training.Stages;

/// <summary>Autoencoder training: the input is the target; no metric beyond the loss.</summary>
internal sealed class AutoencoderObjective(ReconstructionLoss loss) : IObjective
{
    public int TargetWidth => 0;

    public IReadOnlyList<double>? SamplingWeights => null;

    public bool WantsProbabilities => false;

    public Tensor Loss(Tensor output, Tensor input, Tensor? targets) => Losses.Reconstruction(output, input, loss);

    public double? Metric(float[] probabilities, float[] targets) => null;

    public void BeforeEpoch(int epoch)
    {
    }
}
