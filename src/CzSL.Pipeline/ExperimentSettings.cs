using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline;

/// <summary>
/// Everything an experiment run depends on besides the data: networks and their training, the amateur label policy,
/// the label-transfer method, scenarios, repeats and which baselines run. Same settings + same seed → same results
/// on CPU.
/// </summary>
public sealed record ExperimentSettings
{
    /// <summary>Network preset: "default" (ours), "small" (ours, CPU-demo sized) or "paper" (the paper's networks, loss and optimiser).</summary>
    public string Preset { get; init; } = "default";
    /// <summary>Network input side in pixels (images are resized to it once, when decoded).</summary>
    public int ImageSize { get; init; } = 64;
    /// <summary>Autoencoder epochs.</summary>
    public int AutoencoderEpochs { get; init; } = 8;
    /// <summary>Amateur pre-training epochs.</summary>
    public int AmateurEpochs { get; init; } = 8;
    /// <summary>Expert fine-tuning epochs (and epochs of the expert-only baselines).</summary>
    public int ExpertEpochs { get; init; } = 20;
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Early-stopping patience in epochs (null: train all epochs).</summary>
    public int? Patience { get; init; } = 6;
    /// <summary>Encoder epochs frozen at the start of expert fine-tuning.</summary>
    public int FreezeEncoderEpochs { get; init; }
    /// <summary>Learning-rate multiplier of the encoder during fine-tuning.</summary>
    public double EncoderLrMultiplier { get; init; } = 0.3;
    /// <summary>How volunteer votes become amateur labels.</summary>
    public AmateurLabelPolicy AmateurPolicy { get; init; } = new MajorityLabelPolicy();
    /// <summary>Label-transfer method, a name of <c>TransferMethods</c>: "mlp" (the paper's), "mlp-best3", "lbfgs-maxent", "lightgbm", "fastforest-ova", "none" (optionally "+deb").</summary>
    public string Transfer { get; init; } = "lbfgs-maxent";
    /// <summary>Fine-tune on the transferred probabilities (soft targets) instead of their hard labels.</summary>
    public bool SoftTransfer { get; init; }
    /// <summary>Scenarios to run.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [Scenario.ES, Scenario.ERL, Scenario.MG];
    /// <summary>Repeats (each with its own split and seeds).</summary>
    public int Repeats { get; init; } = 3;
    /// <summary>Share of the expert-labelled galaxies held out for testing in each repeat.</summary>
    public double TestFraction { get; init; } = 2.0 / 3;
    /// <summary>Master seed.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>Classical ML.NET trainers to run as baselines (empty: none).</summary>
    public IReadOnlyList<string> BaselineTrainers { get; init; } = ["sdca", "lbfgs", "lightgbm", "fastforest"];
    /// <summary>Side of the downsampled raw-pixel baseline features.</summary>
    public int PixelBaselineSize { get; init; } = 16;
    /// <summary>Most amateur-labelled galaxies a classical baseline trains on (a seeded subsample keeps them fast).</summary>
    public int MaxBaselineAmateurRows { get; init; } = 3000;

    /// <summary>The network config for <paramref name="classes"/> classes.</summary>
    public NetworkConfig Network(int classes) => Preset switch
    {
        "paper" => NetworkConfig.Paper(classes) with { InputSize = ImageSize },
        "default" => NetworkConfig.Default(classes, ImageSize),
        "small" => NetworkConfig.Small(classes, ImageSize),
        _ => throw new ArgumentException($"Unknown preset '{Preset}': expected default, small or paper."),
    };

    /// <summary>Autoencoder stage settings.</summary>
    public AutoencoderStageOptions AutoencoderOptions(long seed, string? curve)
    {
        var o = Preset == "paper" ? AutoencoderStageOptions.Paper : new AutoencoderStageOptions();
        return o with { Training = Training(o.Training, AutoencoderEpochs, seed, curve) with { MonitorMetric = false } };
    }

    /// <summary>Classifier stage settings for <paramref name="scenario"/> (G-mean and balanced loss for MG).</summary>
    public ClassifierStageOptions ClassifierOptions(Scenario scenario, int epochs, long seed, string? curve, bool fineTune)
    {
        var o = Preset == "paper" ? ClassifierStageOptions.Paper : new ClassifierStageOptions();
        return o with
        {
            Training = Training(o.Training, epochs, seed, curve) with
            {
                // Mirroring swaps clockwise and anticlockwise: only ERL must avoid it.
                Augmentation = Preset == "paper" ? Augmentation.None : scenario == Scenario.ERL ? Augmentation.ChiralitySafe : Augmentation.Galaxy,
            },
            Metric = scenario == Scenario.MG ? ValidationMetric.GMean : ValidationMetric.Accuracy,
            Balance = scenario == Scenario.MG && Preset != "paper" ? ClassBalance.LossWeights : ClassBalance.None,
            FreezeEncoderEpochs = fineTune ? FreezeEncoderEpochs : 0,
            EncoderLrMultiplier = fineTune && Preset != "paper" ? EncoderLrMultiplier : 1,
        };
    }

    private TrainingOptions Training(TrainingOptions baseline, int epochs, long seed, string? curve) => baseline with
    {
        Epochs = epochs,
        BatchSize = BatchSize,
        Seed = seed,
        Patience = Preset == "paper" ? null : Patience,
        MonitorMetric = true,
        CurvePath = curve,
    };
}
