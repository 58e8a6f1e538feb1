namespace CzSL.Pipeline.Transfer;

/// <summary>The model a label transfer fits on vote fractions.</summary>
public enum TransferKind
{
    /// <summary>No transfer: the amateur labels are kept.</summary>
    None,
    /// <summary>
    /// The reference's MLP: 8-7-5-3 ReLU layers, multilabel sigmoid outputs with the binary log-loss, each column at
    /// 0.5 then the reference's tie rule, one initialisation with the reference's seed 0.
    /// </summary>
    Mlp,
    /// <summary>Ours: the 8-7-5-3 MLP with a softmax output and the cross-entropy, one initialisation.</summary>
    MlpSoftmax,
    /// <summary>Ours: the softmax MLP, best of three initialisations by training loss.</summary>
    MlpBest3,
    /// <summary>ML.NET L-BFGS maximum entropy.</summary>
    LbfgsMaxEnt,
    /// <summary>ML.NET LightGBM.</summary>
    LightGbm,
    /// <summary>ML.NET FastForest, one-versus-all.</summary>
    FastForestOva,
}

/// <summary>
/// A label-transfer method: its model, its input columns (<see cref="Inputs"/>: the reference's amateur or transformed
/// set; <see cref="Debiased"/>: ours, EL_DEB and CS_DEB appended) and, optionally, a fixed seed. Parsed once from its
/// name (e.g. <c>lbfgs-maxent</c>, <c>mlp+deb</c>, <c>mlp+transformed</c>); <see cref="Create"/> makes a fresh instance.
/// </summary>
public sealed record TransferMethod(TransferKind Kind, bool Debiased = false)
{
    private static readonly (TransferKind Kind, string Name)[] KindNames =
    [
        (TransferKind.None, "none"), (TransferKind.Mlp, "mlp"), (TransferKind.MlpSoftmax, "mlp-softmax"), (TransferKind.MlpBest3, "mlp-best3"),
        (TransferKind.LbfgsMaxEnt, "lbfgs-maxent"), (TransferKind.LightGbm, "lightgbm"), (TransferKind.FastForestOva, "fastforest-ova"),
    ];

    private const string DebiasedSuffix = "+deb", TransformedSuffix = "+transformed";

    /// <summary>The reference's <c>random_state</c>: the seed <see cref="TransferKind.Mlp"/> uses unless <see cref="Seed"/> is set.</summary>
    public const ulong ReferenceSeed = 0;

    /// <summary>The reference's input set (default: the seven vote fractions).</summary>
    public TransferInputs Inputs { get; init; } = TransferInputs.Amateur;

    /// <summary>A fixed seed for every fit; null: the reference's seed for <see cref="TransferKind.Mlp"/>, the run's seed otherwise.</summary>
    public ulong? Seed { get; init; }

    /// <summary>No transfer.</summary>
    public static TransferMethod None { get; } = new(TransferKind.None);

    /// <summary>The reference's label transfer: <see cref="TransferKind.Mlp"/> on the amateur inputs.</summary>
    public static TransferMethod Reference { get; } = new(TransferKind.Mlp);

    /// <summary>Every model without and (except <c>none</c>) with the debiased inputs, on the amateur input set.</summary>
    public static IReadOnlyList<TransferMethod> All { get; } =
        [.. KindNames.SelectMany(k => k.Kind == TransferKind.None ? [new TransferMethod(k.Kind)] : new[] { new TransferMethod(k.Kind), new TransferMethod(k.Kind, true) })];

    /// <summary>The table-only benchmark's default set: every model without the debiased inputs.</summary>
    public static IReadOnlyList<TransferMethod> Default { get; } = [.. KindNames.Select(k => new TransferMethod(k.Kind))];

    /// <summary>The method's name, as <see cref="Parse"/> reads it.</summary>
    public string Name => KindNames.Single(k => k.Kind == Kind).Name + Suffix(Features);

    /// <summary>The input columns.</summary>
    public TransferFeatures Features => new(Inputs, Debiased);

    /// <summary>True for <see cref="TransferKind.None"/>.</summary>
    public bool IsNone => Kind == TransferKind.None;

    /// <summary>The name suffix of an input set (<c>+transformed</c>, <c>+deb</c>).</summary>
    public static string Suffix(TransferFeatures features) =>
        (features.Inputs == TransferInputs.Transformed ? TransformedSuffix : "") + (features.Debiased ? DebiasedSuffix : "");

    /// <summary>
    /// An unfitted instance, seeded with <see cref="Seed"/> when set, else with <see cref="ReferenceSeed"/> for the
    /// reference MLP (whose random_state is fixed) and with <paramref name="seed"/> (the run's) for the others.
    /// </summary>
    public ILabelTransfer Create(ulong seed)
    {
        var s = Seed ?? (Kind == TransferKind.Mlp ? ReferenceSeed : seed);
        return Kind switch
        {
            TransferKind.None => new NoneLabelTransfer(),
            TransferKind.Mlp => new MlpLabelTransfer(new MlpOptions { Seed = s, Features = Features }),
            TransferKind.MlpSoftmax => new MlpLabelTransfer(new MlpOptions { Seed = s, Features = Features, Output = MlpOutput.Softmax }),
            TransferKind.MlpBest3 => new MlpLabelTransfer(new MlpOptions { Seed = s, Features = Features, Output = MlpOutput.Softmax, Restarts = 3 }),
            TransferKind.LbfgsMaxEnt => MlNet(MlNetTransferTrainer.LbfgsMaximumEntropy, s),
            TransferKind.LightGbm => MlNet(MlNetTransferTrainer.LightGbm, s),
            TransferKind.FastForestOva => MlNet(MlNetTransferTrainer.FastForest, s),
            _ => throw new ArgumentOutOfRangeException(nameof(Kind), Kind, "Unknown transfer kind."),
        };
    }

    /// <summary>
    /// The method named <paramref name="name"/> (case-insensitive): a model name, then optionally <c>+transformed</c>
    /// (the reference's 9 inputs) and <c>+deb</c> (ours: EL_DEB, CS_DEB appended).
    /// </summary>
    /// <exception cref="ArgumentException">Unknown name (the message lists the valid ones).</exception>
    public static TransferMethod Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var rest = name.Trim();
        var transformed = Strip(ref rest, TransformedSuffix);
        var debiased = Strip(ref rest, DebiasedSuffix);
        transformed |= Strip(ref rest, TransformedSuffix);
        var kind = KindNames.Where(k => string.Equals(k.Name, rest, StringComparison.OrdinalIgnoreCase)).Select(k => (TransferKind?)k.Kind).FirstOrDefault();
        if (kind is null || (kind == TransferKind.None && (debiased || transformed)))
            throw new ArgumentException($"Unknown label-transfer method '{name}'; expected one of: {string.Join(", ", All.Select(m => m.Name))} " +
                                        $"(a model may end in {TransformedSuffix} for the reference's transformed inputs).", nameof(name));
        return new TransferMethod(kind.Value, debiased) { Inputs = transformed ? TransferInputs.Transformed : TransferInputs.Amateur };
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    private static bool Strip(ref string text, string suffix)
    {
        if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return false;
        text = text[..^suffix.Length];
        return true;
    }

    private MlNetLabelTransfer MlNet(MlNetTransferTrainer trainer, ulong seed) =>
        new(new MlNetTransferOptions { Trainer = trainer, Seed = (int)(seed % int.MaxValue), Features = Features });
}
