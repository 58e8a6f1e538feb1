using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Training.Presets;

/// <summary>Which weights a training keeps at its end.</summary>
public enum BestEpochPolicy
{
    /// <summary>The weights of the best validation epoch (by the validation metric), restored at the end.</summary>
    RestoreBest,
    /// <summary>The last epoch's weights, as Keras' <c>fit</c> without callbacks keeps them (the paper's).</summary>
    LastEpoch,
}

/// <summary>
/// A named training recipe for the networks: which networks and their initialisation, the stages' base settings (loss,
/// optimiser, schedule), the augmentation rule, the best-epoch policy, the MG decision rules and whether our additions (early stopping, class weights for the rare
/// class, a slower encoder while fine-tuning) apply. Parsed once from its name (<see cref="Parse"/>); code decides on
/// its properties, never on its name.
/// </summary>
public sealed record Preset
{
    /// <summary>The name on the command line and in reports.</summary>
    public required string Name { get; init; }

    /// <summary>One line for help texts.</summary>
    public required string Description { get; init; }

    /// <summary>Builds the network config for (classes, input size).</summary>
    public required Func<int, int, NetworkConfig> NetworkFactory { get; init; }

    /// <summary>Base settings of the autoencoder stage (epochs, seeds and hooks are set per run).</summary>
    public required AutoencoderStageOptions Autoencoder { get; init; }

    /// <summary>Base settings of the classifier stages.</summary>
    public required ClassifierStageOptions Classifier { get; init; }

    /// <summary>Augment with the galaxy symmetries (rotations, shifts; mirrors where the task allows them).</summary>
    public required bool Augment { get; init; }

    /// <summary>Which weights each training keeps.</summary>
    public required BestEpochPolicy BestEpoch { get; init; }

    /// <summary>Stop early when the validation metric stalls (with the run's patience).</summary>
    public required bool EarlyStopping { get; init; }

    /// <summary>Weight the loss by inverse class frequency on the imbalanced scenario (MG).</summary>
    public required bool BalanceRareClass { get; init; }

    /// <summary>
    /// Weight the amateur-labelled trainings' loss so their class balance matches the expert set's (prior shift: the
    /// volunteers' pool and the experts' sample rarely share a class balance); not where the rare class is balanced.
    /// </summary>
    public required bool MatchExpertPrior { get; init; }

    /// <summary>Train the pre-trained encoder more slowly than the head while fine-tuning (the run's multiplier).</summary>
    public required bool SlowEncoderWhileFineTuning { get; init; }

    /// <summary>How every network the preset builds is initialised (a network copied from an earlier stage keeps its trained weights).</summary>
    public required WeightInit Init { get; init; }

    /// <summary>
    /// How a binary (MG) CNN's decision threshold on p(merger) is chosen on the expert-labelled training set L: ours
    /// maximise the G-mean there; the paper takes the argmax (0.5).
    /// </summary>
    public required ThresholdRule MgThreshold { get; init; }

    /// <summary>
    /// How the label transfer's binary (MG) decision threshold is chosen on L: ours take the training prior; the
    /// paper predicts at 0.5 (the transfer model's own decision).
    /// </summary>
    public required ThresholdRule TransferThreshold { get; init; }

    /// <summary>Epochs of every training when the preset fixes them (the paper: 100; a command's explicit epochs still win); null: the run chooses.</summary>
    public int? FixedEpochs { get; init; }

    /// <summary>The classifier network for <paramref name="classes"/> classes at <paramref name="size"/> px.</summary>
    public NetworkConfig Network(int classes, int size) => NetworkFactory(classes, size);

    /// <summary>The autoencoder's network at <paramref name="size"/> px (its encoder is shared by every task; the head is unused).</summary>
    public NetworkConfig AutoencoderNetwork(int size) => NetworkFactory(2, size);

    /// <summary>
    /// Training-time augmentation for <paramref name="scenario"/>: every symmetry of the square; a mirror swaps the
    /// classes it swaps (ERL: clockwise ↔ anticlockwise, <see cref="ScenarioClasses.MirrorClasses"/>).
    /// </summary>
    public Augmentation AugmentationFor(Scenario scenario) =>
        Augment ? Augmentation.GalaxyWithMirror(ScenarioClasses.MirrorClasses(scenario)) : Augmentation.None;

    /// <summary>Class balancing for <paramref name="scenario"/>.</summary>
    public ClassBalance BalanceFor(Scenario scenario) =>
        BalanceRareClass && scenario.IsRareBinary ? ClassBalance.LossWeights : ClassBalance.None;

    /// <summary>
    /// Ours, sized for CPU work at 64 px: batch norm, dropout, cross-entropy, AdamW with a cosine schedule, early
    /// stopping with the best epoch restored, galaxy augmentation.
    /// </summary>
    public static Preset Default { get; } = Ours("default", "ours: 32/64/128 channels, batch norm, dropout, AdamW + cosine, augmentation, best epoch",
        NetworkConfig.Default);

    /// <summary>Ours with a small network (16/32/32 channels): the demo's, about the paper network's cost per image.</summary>
    public static Preset Small { get; } = Ours("small", "ours with a small network (16/32/32 channels): the CPU demo's", NetworkConfig.Small);

    /// <summary>
    /// The CzSL paper's, as its reference code ran: its networks (conv 16-8-8, dense 256-128) with Keras'
    /// glorot-uniform weights and zero biases, MSE on one-hot targets, SGD lr 0.01, batch 32, 100 epochs, no
    /// augmentation, no early stopping, the last epoch's weights, MG decisions (CNN and label transfer) at 0.5.
    /// </summary>
    public static Preset Paper { get; } = new()
    {
        Name = "paper",
        Description = "the CzSL paper's networks and training: glorot-uniform init, MSE, SGD 0.01, 100 epochs, last-epoch weights, " +
                      "no augmentation, MG decisions at 0.5",
        NetworkFactory = (classes, size) => NetworkConfig.Paper(classes) with { InputSize = size },
        Autoencoder = AutoencoderStageOptions.Paper,
        Classifier = ClassifierStageOptions.Paper,
        Augment = false,
        BestEpoch = BestEpochPolicy.LastEpoch,
        EarlyStopping = false,
        BalanceRareClass = false,
        MatchExpertPrior = false,
        SlowEncoderWhileFineTuning = false,
        Init = WeightInit.GlorotUniformZeroBias,
        MgThreshold = ThresholdRule.Half,
        TransferThreshold = ThresholdRule.Half,
        FixedEpochs = TrainingOptions.Paper.Epochs,
    };

    /// <summary>Every preset, in help order.</summary>
    public static IReadOnlyList<Preset> All { get; } = [Small, Default, Paper];

    /// <summary>The preset named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name; the message lists the known ones.</exception>
    public static Preset Parse(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown preset '{name}': expected one of {string.Join(", ", All.Select(p => p.Name))}.");

    /// <inheritdoc />
    public override string ToString() => Name;

    private static Preset Ours(string name, string description, Func<int, int, NetworkConfig> network) => new()
    {
        Name = name,
        Description = description,
        NetworkFactory = network,
        Autoencoder = new AutoencoderStageOptions(),
        Classifier = new ClassifierStageOptions(),
        Augment = true,
        BestEpoch = BestEpochPolicy.RestoreBest,
        EarlyStopping = true,
        BalanceRareClass = true,
        MatchExpertPrior = true,
        SlowEncoderWhileFineTuning = true,
        Init = WeightInit.TorchDefault,
        MgThreshold = ThresholdRule.MaxGMean,
        TransferThreshold = ThresholdRule.Prior,
    };
}
