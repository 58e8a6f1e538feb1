using CzSL.MLNet.Transfer;

namespace CzSL.Pipeline.Methods;

/// <summary>Creates label-transfer methods by name.</summary>
public static class LabelTransfers
{
    /// <summary>The names <see cref="Create"/> accepts.</summary>
    public static readonly IReadOnlyList<string> Names = ["mlp", "lbfgs", "lightgbm", "fastforest", "none"];

    /// <summary>A fresh, unfitted method; <paramref name="seed"/> fixes its randomness.</summary>
    public static ILabelTransfer Create(string name, int seed) => name switch
    {
        "mlp" => new MlpLabelTransfer(new MlpOptions { Seed = (ulong)seed }),
        "lbfgs" => new MlNetLabelTransfer(new MlNetTransferOptions { Trainer = MlNetTransferTrainer.LbfgsMaximumEntropy, Seed = seed }),
        "lightgbm" => new MlNetLabelTransfer(new MlNetTransferOptions { Trainer = MlNetTransferTrainer.LightGbm, Seed = seed }),
        "fastforest" => new MlNetLabelTransfer(new MlNetTransferOptions { Trainer = MlNetTransferTrainer.FastForest, Seed = seed }),
        "none" => new NoneLabelTransfer(),
        _ => throw new ArgumentException($"Unknown label transfer '{name}': expected one of {string.Join(", ", Names)}."),
    };
}
