namespace CzSL.Pipeline.Transfer;

/// <summary>The model a label transfer fits on vote fractions.</summary>
public enum TransferKind
{
    /// <summary>No transfer: the amateur labels are kept.</summary>
    None,
    /// <summary>The paper's 8-7-5-3 MLP, one initialisation.</summary>
    Mlp,
    /// <summary>The paper's MLP, best of three initialisations by training loss.</summary>
    MlpBest3,
    /// <summary>ML.NET L-BFGS maximum entropy.</summary>
    LbfgsMaxEnt,
    /// <summary>ML.NET LightGBM.</summary>
    LightGbm,
    /// <summary>ML.NET FastForest, one-versus-all.</summary>
    FastForestOva,
}

/// <summary>
/// A label-transfer method: its model and whether the debiased vote fractions (EL_DEB, CS_DEB) are inputs too.
/// Parsed once from its name (e.g. <c>lbfgs-maxent</c>, <c>mlp+deb</c>); <see cref="Create"/> makes a fresh instance.
/// </summary>
public sealed record TransferMethod(TransferKind Kind, bool Debiased = false)
{
    private static readonly (TransferKind Kind, string Name)[] KindNames =
    [
        (TransferKind.None, "none"), (TransferKind.Mlp, "mlp"), (TransferKind.MlpBest3, "mlp-best3"),
        (TransferKind.LbfgsMaxEnt, "lbfgs-maxent"), (TransferKind.LightGbm, "lightgbm"), (TransferKind.FastForestOva, "fastforest-ova"),
    ];

    private const string DebiasedSuffix = "+deb";

    /// <summary>No transfer.</summary>
    public static TransferMethod None { get; } = new(TransferKind.None);

    /// <summary>Every method: each model without and (except <c>none</c>) with the debiased inputs.</summary>
    public static IReadOnlyList<TransferMethod> All { get; } =
        [.. KindNames.SelectMany(k => k.Kind == TransferKind.None ? [new TransferMethod(k.Kind)] : new[] { new TransferMethod(k.Kind), new TransferMethod(k.Kind, true) })];

    /// <summary>The table-only benchmark's default set: every model without the debiased inputs.</summary>
    public static IReadOnlyList<TransferMethod> Default { get; } = [.. KindNames.Select(k => new TransferMethod(k.Kind))];

    /// <summary>The method's name, as <see cref="Parse"/> reads it.</summary>
    public string Name => KindNames.Single(k => k.Kind == Kind).Name + (Debiased ? DebiasedSuffix : "");

    /// <summary>True for <see cref="TransferKind.None"/>.</summary>
    public bool IsNone => Kind == TransferKind.None;

    /// <summary>An unfitted instance seeded with <paramref name="seed"/>.</summary>
    public ILabelTransfer Create(ulong seed) => Kind switch
    {
        TransferKind.None => new NoneLabelTransfer(),
        TransferKind.Mlp => new MlpLabelTransfer(new MlpOptions { Seed = seed, IncludeDebiased = Debiased }),
        TransferKind.MlpBest3 => new MlpLabelTransfer(new MlpOptions { Seed = seed, IncludeDebiased = Debiased, Restarts = 3 }),
        TransferKind.LbfgsMaxEnt => MlNet(MlNetTransferTrainer.LbfgsMaximumEntropy, seed),
        TransferKind.LightGbm => MlNet(MlNetTransferTrainer.LightGbm, seed),
        TransferKind.FastForestOva => MlNet(MlNetTransferTrainer.FastForest, seed),
        _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown transfer kind."),
    };

    /// <summary>The method named <paramref name="name"/> (case-insensitive; <c>+deb</c> adds the debiased inputs).</summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones).</exception>
    public static TransferMethod Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(m => string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
               ?? throw new ArgumentException($"Unknown label-transfer method '{name}'; expected one of: {string.Join(", ", All.Select(m => m.Name))}.", nameof(name));
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private MlNetLabelTransfer MlNet(MlNetTransferTrainer trainer, ulong seed) =>
        new(new MlNetTransferOptions { Trainer = trainer, Seed = (int)(seed % int.MaxValue), IncludeDebiased = Debiased });
}
