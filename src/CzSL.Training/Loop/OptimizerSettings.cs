using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>Optimiser algorithms the trainer supports.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent (optionally with momentum); the paper's optimiser (Keras default lr 0.01).</summary>
    Sgd,
    /// <summary>Adam; weight decay is added to the gradient (L2).</summary>
    Adam,
    /// <summary>AdamW: Adam with decoupled weight decay.</summary>
    AdamW,
}

/// <summary>Optimiser choice and its hyper-parameters.</summary>
/// <param name="Kind">Algorithm.</param>
/// <param name="LearningRate">Base learning rate (scaled per epoch by the <see cref="LrSchedule"/>).</param>
/// <param name="WeightDecay">L2 (SGD, Adam) or decoupled (AdamW) weight decay.</param>
/// <param name="Momentum">SGD momentum (ignored by Adam/AdamW).</param>
public sealed record OptimizerSettings(OptimizerKind Kind, double LearningRate, double WeightDecay = 0, double Momentum = 0)
{
    /// <summary>The paper's optimiser: plain SGD, lr 0.01 (Keras defaults).</summary>
    public static OptimizerSettings PaperSgd { get; } = new(OptimizerKind.Sgd, 0.01);

    /// <summary>Our default: AdamW, lr 1e-3, weight decay 1e-4.</summary>
    public static OptimizerSettings DefaultAdamW { get; } = new(OptimizerKind.AdamW, 1e-3, 1e-4);

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate)) throw new ArgumentException($"OptimizerSettings.LearningRate must be positive, got {LearningRate}.");
        if (WeightDecay < 0 || double.IsNaN(WeightDecay)) throw new ArgumentException($"OptimizerSettings.WeightDecay must be ≥ 0, got {WeightDecay}.");
        if (Momentum is < 0 or >= 1 || double.IsNaN(Momentum)) throw new ArgumentException($"OptimizerSettings.Momentum must lie in [0, 1), got {Momentum}.");
    }

    /// <summary>
    /// Builds the optimiser over parameter groups: each group's learning rate is <see cref="LearningRate"/> times its
    /// multiplier (e.g. a smaller rate for a pre-trained encoder).
    /// </summary>
    internal optim.Optimizer Create(IReadOnlyList<(IEnumerable<Parameter> Parameters, double LrMultiplier)> groups)
    {
        Validate();
        return Kind switch
        {
            OptimizerKind.Sgd => optim.SGD(groups.Select(g => new SGD.ParamGroup(g.Parameters, LearningRate * g.LrMultiplier, Momentum, 0, WeightDecay, false, false)), LearningRate, Momentum, weight_decay: WeightDecay),
            OptimizerKind.Adam => optim.Adam(groups.Select(g => new Adam.ParamGroup(g.Parameters, LearningRate * g.LrMultiplier, 0.9, 0.999, 1e-8, WeightDecay, false, false)), LearningRate, weight_decay: WeightDecay),
            OptimizerKind.AdamW => optim.AdamW(groups.Select(g => new AdamW.ParamGroup(g.Parameters, LearningRate * g.LrMultiplier, 0.9, 0.999, 1e-8, WeightDecay, false, false)), LearningRate, weight_decay: WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown optimiser."),
        };
    }
}
