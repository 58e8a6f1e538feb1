using CzSL.Data.Images;
using CzSL.Training.Modules;
using CzSL.Data.Labels;
using CzSL.Data.Metrics;
using CzSL.Data;
using CzSL.Pipeline.Transfer;
using CzSL.Training.Loop;
using CzSL.Training.Presets;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>Epochs of each stage.</summary>
/// <param name="Autoencoder">Autoencoder pre-training.</param>
/// <param name="Amateur">Amateur pre-training, and expert fine-tuning on L ∪ transferred A (an amateur-sized set).</param>
/// <param name="Expert">Trainings on the expert labels alone.</param>
public sealed record StageEpochs(int Autoencoder, int Amateur, int Expert)
{
    /// <summary>Every stage at <paramref name="epochs"/>.</summary>
    public static StageEpochs All(int epochs) => new(epochs, epochs, epochs);
}

/// <summary>
/// How the recipe trains: the preset (networks, stage settings, augmentation, best-epoch policy), image size, epochs,
/// how votes become amateur labels and which label transfer relabels them. Same options + same seeds → same results
/// on CPU.
/// </summary>
public sealed record RecipeOptions
{
    /// <summary>Networks and training recipe.</summary>
    public Preset Preset { get; init; } = Preset.Default;
    /// <summary>Network input side in pixels.</summary>
    public int ImageSize { get; init; } = 64;
    /// <summary>Block side of the area (anti-aliased) downscale from <see cref="ImageSize"/>·k px crops (1: nearest-pixel resize).</summary>
    public int Downscale { get; init; } = 1;
    /// <summary>Fraction of each image's side kept around the centre (1: the whole frame).</summary>
    public double CentreCrop { get; init; } = 1;
    /// <summary>Choose <see cref="Downscale"/> from the dataset's image size (<see cref="ResolvedFor"/>).</summary>
    public bool AutoDownscale { get; init; }

    /// <summary>
    /// These options with <see cref="AutoDownscale"/> resolved for <paramref name="manifest"/>'s images: the
    /// <see cref="ImagePreprocessing.AutoDownscale"/> of the median side of its first (up to 16) images.
    /// </summary>
    /// <exception cref="CzSL.Data.Images.ImageDecodeException">A sampled image is missing or not an image.</exception>
    public RecipeOptions ResolvedFor(CzSL.Data.Manifest.DatasetManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (!AutoDownscale) return this;
        var sides = new List<int>();
        for (var i = 0; i < manifest.Records.Count && sides.Count < 16; i++)
        {
            var record = manifest.Records[i];
            if (record.Image is null) continue;
            var path = manifest.ImagePath(record);
            try
            {
                var (width, height) = ImageDecoder.ReadSize(path);
                sides.Add(Math.Min(width, height));
            }
            catch (ImageDecodeException e)
            {
                throw new ImageDecodeException(path,
                    $"{Path.GetFileName(manifest.ManifestPath)} line {manifest.LineOf(i)}, column image (galaxy '{record.Id}'): {e.Message}", e);
            }
        }
        sides.Sort();
        var downscale = sides.Count == 0 ? 1 : ImagePreprocessing.AutoDownscale(ImageSize, CentreCrop, sides[sides.Count / 2]);
        return this with { Downscale = downscale, AutoDownscale = false };
    }

    /// <summary>How image files become network inputs, in training and in the exported graph.</summary>
    public ImagePreprocessing Preprocessing => new ImagePreprocessing(ImageSize, Downscale, CentreCrop).Validated();

    /// <summary>The preset's classifier network for <paramref name="classes"/> classes and this preprocessing.</summary>
    public NetworkConfig Network(int classes) => Preset.Network(classes, ImageSize).For(Preprocessing);

    /// <summary>The preset's autoencoder network for this preprocessing.</summary>
    public NetworkConfig AutoencoderNetwork() => Preset.AutoencoderNetwork(ImageSize).For(Preprocessing);
    /// <summary>Epochs per stage.</summary>
    public StageEpochs Epochs { get; init; } = new(8, 8, 20);
    /// <summary>Mini-batch size.</summary>
    public int BatchSize { get; init; } = 32;
    /// <summary>Early-stopping patience in epochs, when the preset stops early (null: train all epochs).</summary>
    public int? Patience { get; init; } = 6;
    /// <summary>Encoder epochs frozen at the start of training from pre-trained weights.</summary>
    public int FreezeEncoderEpochs { get; init; }
    /// <summary>Learning-rate multiplier of a pre-trained encoder, when the preset slows it.</summary>
    public double EncoderLrMultiplier { get; init; } = 0.3;
    /// <summary>How volunteer votes become amateur labels.</summary>
    public AmateurLabelPolicy AmateurPolicy { get; init; } = new MajorityLabelPolicy();
    /// <summary>The label transfer of stage 3.</summary>
    public TransferMethod Transfer { get; init; } = new(TransferKind.LbfgsMaxEnt);
    /// <summary>Train on the transferred probabilities (soft targets) instead of their hard labels.</summary>
    public bool SoftTransfer { get; init; }
    /// <summary>The expert labels expert fine-tuning fits its temperature on.</summary>
    public CalibrationSet Calibration { get; init; } = CalibrationSet.ExpertLabels;
    /// <summary>
    /// How a binary (MG) transfer turns probabilities into labels, chosen on the expert-labelled galaxies; null: the
    /// preset's (<see cref="Preset.TransferThreshold"/>: ours the training prior, the paper's 0.5).
    /// </summary>
    public ThresholdRule? TransferThreshold { get; init; }

    /// <summary>The MG transfer's threshold rule in force: <see cref="TransferThreshold"/>, else the preset's.</summary>
    public ThresholdRule TransferThresholdRule => TransferThreshold ?? Preset.TransferThreshold;

    /// <summary>Settings of the autoencoder stage.</summary>
    public AutoencoderStageOptions AutoencoderStage(long seed, string? curve) =>
        Preset.Autoencoder with { Training = Training(Preset.Autoencoder.Training, Epochs.Autoencoder, seed, curve) with { MonitorMetric = false } };

    /// <summary>
    /// Settings of a classifier stage for <paramref name="scenario"/>; <paramref name="fineTuning"/> when the network
    /// starts from pre-trained weights (the encoder's or the amateur model's), which may freeze or slow the encoder.
    /// </summary>
    public ClassifierStageOptions ClassifierStage(Scenario scenario, int epochs, long seed, string? curve, bool fineTuning) => Preset.Classifier with
    {
        Training = Training(Preset.Classifier.Training, epochs, seed, curve) with { Augmentation = Preset.AugmentationFor(scenario) },
        Metric = scenario.IsRareBinary ? ValidationMetric.GMean : ValidationMetric.Accuracy,
        Balance = Preset.BalanceFor(scenario),
        FreezeEncoderEpochs = fineTuning ? FreezeEncoderEpochs : 0,
        EncoderLrMultiplier = fineTuning && Preset.SlowEncoderWhileFineTuning ? EncoderLrMultiplier : 1,
    };

    private TrainingOptions Training(TrainingOptions baseline, int epochs, long seed, string? curve)
    {
        var best = Preset.BestEpoch == BestEpochPolicy.RestoreBest;
        return baseline with
        {
            Epochs = epochs,
            BatchSize = BatchSize,
            Seed = seed,
            Patience = Preset.EarlyStopping ? Patience : null,
            RestoreBest = best,
            MonitorMetric = best,
            Init = Preset.Init,
            CurvePath = curve,
        };
    }
}
