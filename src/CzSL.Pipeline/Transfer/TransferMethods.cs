namespace CzSL.Pipeline.Transfer;

/// <summary>A named way to make a fresh <see cref="ILabelTransfer"/> for a given seed.</summary>
/// <param name="Name">The method's name (as <see cref="TransferMethods.Create"/> accepts it).</param>
/// <param name="Create">Makes an unfitted instance for a seed.</param>
public sealed record TransferMethod(string Name, Func<ulong, ILabelTransfer> Create);

/// <summary>The label-transfer methods by name.</summary>
public static class TransferMethods
{
    /// <summary>
    /// Names accepted by <see cref="Create"/>: <c>none</c>, <c>mlp</c> (the paper's network, one initialisation),
    /// <c>mlp-best3</c> (best of three initialisations by training loss), <c>mlp+deb</c>, <c>lbfgs-maxent</c>,
    /// <c>lbfgs-maxent+deb</c>, <c>lightgbm</c>, <c>lightgbm+deb</c>, <c>fastforest-ova</c>, <c>fastforest-ova+deb</c>
    /// ("+deb" adds EL_DEB and CS_DEB to the inputs).
    /// </summary>
    public static IReadOnlyList<string> Names { get; } =
        ["none", "mlp", "mlp-best3", "mlp+deb", "mlp-best3+deb", "lbfgs-maxent", "lbfgs-maxent+deb", "lightgbm", "lightgbm+deb", "fastforest-ova", "fastforest-ova+deb"];

    /// <summary>The benchmark's default set: none, mlp, mlp-best3, lbfgs-maxent, lightgbm, fastforest-ova.</summary>
    public static IReadOnlyList<string> Default { get; } = ["none", "mlp", "mlp-best3", "lbfgs-maxent", "lightgbm", "fastforest-ova"];

    /// <summary>The method named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones).</exception>
    public static TransferMethod Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim().ToLowerInvariant();
        var debiased = key.EndsWith("+deb", StringComparison.Ordinal);
        var core = debiased ? key[..^4] : key;
        Func<ulong, ILabelTransfer>? create = core switch
        {
            "none" when !debiased => _ => new NoneLabelTransfer(),
            "mlp" => seed => new MlpLabelTransfer(new MlpOptions { Seed = seed, IncludeDebiased = debiased }),
            "mlp-best3" => seed => new MlpLabelTransfer(new MlpOptions { Seed = seed, IncludeDebiased = debiased, Restarts = 3 }),
            "lbfgs-maxent" => seed => MlNet(MlNetTransferTrainer.LbfgsMaximumEntropy, seed, debiased),
            "lightgbm" => seed => MlNet(MlNetTransferTrainer.LightGbm, seed, debiased),
            "fastforest-ova" => seed => MlNet(MlNetTransferTrainer.FastForest, seed, debiased),
            _ => null,
        };
        return create is null
            ? throw new ArgumentException($"Unknown label-transfer method '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name))
            : new TransferMethod(key, create);
    }

    private static MlNetLabelTransfer MlNet(MlNetTransferTrainer trainer, ulong seed, bool debiased) =>
        new(new MlNetTransferOptions { Trainer = trainer, Seed = (int)(seed % int.MaxValue), IncludeDebiased = debiased });
}
