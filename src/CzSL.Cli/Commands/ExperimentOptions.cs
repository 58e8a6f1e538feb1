using System.CommandLine;
using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Transfer;
using CzSL.Training.Presets;

namespace CzSL.Cli.Commands;

/// <summary>The options of the verbs that run the recipe (<c>demo</c>, <c>compare</c>, <c>train</c>), parsed once into <see cref="ExperimentSettings"/>.</summary>
public sealed class ExperimentOptions
{
    private readonly Option<Preset?> _preset = CommonOptions.Preset();
    private readonly Option<int?> _size = new("--size") { Description = "Network input size in pixels (default: the dataset's / 64)." };
    private readonly Option<int?> _downscale = CommonOptions.Parsed<int?>("--downscale",
        "Anti-aliased downscale: average k×k blocks of a k-times larger resize (1: nearest-pixel resize; auto: from the images' size, at most 4).",
        ParseDownscale, null);
    private readonly Option<double> _crop = CommonOptions.Parsed("--crop",
        "Fraction of each image's side kept around the centre, in (0, 1] (1: the whole frame; e.g. 0.3 frames a 423 px GZ1 cutout like a 120 px one).",
        ParseCrop, 1.0);
    private readonly Option<int?> _repeats = new("--repeats") { Description = "Repeats (splits × seeds) for mean ± sd." };
    private const string PresetEpochs = " Default: the preset's fixed epochs (paper: 100), else the command's.";
    private readonly Option<int?> _aeEpochs = new("--autoencoder-epochs") { Description = "Autoencoder epochs." + PresetEpochs };
    private readonly Option<int?> _amateurEpochs = new("--amateur-epochs") { Description = "Amateur pre-training (and fine-tuning on L ∪ A) epochs." + PresetEpochs };
    private readonly Option<int?> _expertEpochs = new("--expert-epochs") { Description = "Epochs of the trainings on expert labels only." + PresetEpochs };
    private readonly Option<AmateurLabelPolicy> _policy = CommonOptions.Parsed<AmateurLabelPolicy>("--amateur-labels",
        "Amateur label policy: majority, threshold:T (e.g. threshold:0.8), soft (vote fractions), consensus.", AmateurLabelPolicy.Parse, new MajorityLabelPolicy());
    private readonly Option<TransferMethod> _transfer = CommonOptions.Parsed("--transfer",
        $"Label transfer: {string.Join(", ", TransferMethod.All.Select(m => m.Name))} (mlp: the reference's multilabel MLP, seed 0; " +
        "mlp-softmax, mlp-best3: ours; +deb adds the debiased fractions).", TransferMethod.Parse,
        new TransferMethod(TransferKind.LbfgsMaxEnt));
    private readonly Option<TransferInputs> _transferInputs = CommonOptions.TransferInputs();
    private readonly Option<ThresholdRule?> _transferThreshold = CommonOptions.TransferThreshold();
    private readonly Option<bool> _softTransfer = new("--soft-transfer") { Description = "Fine-tune on the transferred probabilities (soft targets)." };
    private readonly Option<TaskName[]> _scenarios = CommonOptions.ParsedList("--scenarios",
        "Scenarios to run: es, erl, mg and the dataset's own tasks (its tasks.json). Default: all of them; one without labels is skipped with a message.",
        TaskName.Parse, []);
    private readonly Option<string[]> _trainers = new("--baselines")
    {
        Description = "Classical ML.NET trainers (sdca, lbfgs, lightgbm, fastforest), or none.",
        DefaultValueFactory = _ => ["sdca", "lbfgs", "lightgbm", "fastforest"], AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<CalibrationSet> _calibration = CommonOptions.Parsed("--calibration",
        "Expert labels the temperature of expert fine-tuning is fitted on: expert-labels (all of the stage's: training and validation), " +
        "validation (the validation split only) or none (T = 1).", CalibrationSets.Parse, CalibrationSet.ExpertLabels);
    private readonly Option<int> _freeze = new("--freeze-encoder-epochs") { Description = "Encoder epochs frozen at the start of fine-tuning." };

    /// <summary>The device option.</summary>
    public Option<string> Device { get; } = CommonOptions.Device();
    /// <summary>The threads option.</summary>
    public Option<int> Threads { get; } = CommonOptions.Threads();
    /// <summary>The seed option.</summary>
    public Option<int> Seed { get; } = CommonOptions.Seed();

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _preset, _size, _downscale, _crop, _repeats, _aeEpochs, _amateurEpochs, _expertEpochs, _policy, _transfer, _transferInputs, _transferThreshold, _softTransfer, _calibration,
                     _scenarios, _trainers, _freeze, Device, Threads, Seed })
            command.Options.Add(o);
    }

    private static int? ParseDownscale(string text)
    {
        if (string.Equals(text.Trim(), "auto", StringComparison.OrdinalIgnoreCase)) return null;
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var k)
            && k >= 1 && k <= CzSL.Data.Images.ImagePreprocessing.MaxDownscale) return k;
        throw new ArgumentException($"'{text}' is not auto or a whole number from 1 to {CzSL.Data.Images.ImagePreprocessing.MaxDownscale}.");
    }

    private static double ParseCrop(string text)
    {
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var crop) && crop > 0 && crop <= 1)
            return crop;
        throw new ArgumentException($"'{text}' is not a fraction in (0, 1].");
    }

    /// <summary>
    /// Settings from the command line over <paramref name="defaults"/>; <c>--scenarios</c> may name the dataset's own
    /// tasks (<paramref name="declared"/>), which run after the defaults' scenarios when it is not given.
    /// </summary>
    public ExperimentSettings Read(ParseResult parse, ExperimentSettings defaults, IReadOnlyList<Scenario>? declared = null)
    {
        declared ??= [];
        var named = parse.GetValue(_scenarios)!;
        var trainers = parse.GetValue(_trainers)!;
        var recipe = defaults.Recipe;
        var preset = parse.GetValue(_preset) ?? recipe.Preset;
        var epochs = preset.FixedEpochs is { } fixedEpochs ? StageEpochs.All(fixedEpochs) : recipe.Epochs;
        return defaults with
        {
            Recipe = recipe with
            {
                Preset = preset,
                ImageSize = parse.GetValue(_size) ?? recipe.ImageSize,
                Downscale = parse.GetValue(_downscale) ?? recipe.Downscale,
                AutoDownscale = parse.GetValue(_downscale) is null,
                CentreCrop = parse.GetValue(_crop),
                Epochs = new StageEpochs(
                    parse.GetValue(_aeEpochs) ?? epochs.Autoencoder,
                    parse.GetValue(_amateurEpochs) ?? epochs.Amateur,
                    parse.GetValue(_expertEpochs) ?? epochs.Expert),
                AmateurPolicy = parse.GetValue(_policy)!,
                Transfer = parse.GetValue(_transfer)! with { Inputs = parse.GetValue(_transferInputs) },
                TransferThreshold = parse.GetValue(_transferThreshold),
                SoftTransfer = parse.GetValue(_softTransfer),
                Calibration = parse.GetValue(_calibration),
                FreezeEncoderEpochs = parse.GetValue(_freeze),
            },
            Repeats = parse.GetValue(_repeats) ?? defaults.Repeats,
            Scenarios = named.Length == 0
                ? [.. defaults.Scenarios.Concat(declared).Distinct()]
                : [.. named.Select(n => CommonOptions.Resolve(n, declared, "--scenarios"))],
            Baselines = defaults.Baselines with
            {
                Trainers = trainers is ["none"] ? [] : trainers.Select(ClassicalTrainerNames.Parse).Distinct().ToList(),
            },
            Seed = parse.GetValue(Seed),
        };
    }
}
