using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Transfer;
using CzSL.Pipeline.Methods;
using CzSL.Pipeline.Protocol;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline;

/// <summary>
/// The three CzSL stages one at a time, as the <c>czsl train</c> verbs run them: each reads what the previous one saved
/// (TorchSharp weights + <c>network.json</c>), trains, and saves into <c>OUT/&lt;stage&gt;</c> with a training-curve CSV and
/// per-epoch checkpoints (so <c>--resume</c> continues a killed run). The test split (seeded) is never trained on.
/// </summary>
public sealed class StageTraining
{
    private readonly DatasetManifest _manifest;
    private readonly ExperimentSettings _settings;
    private readonly string _outDir;
    private readonly IProgress<EpochReport>? _progress;
    private readonly bool _resume;
    private readonly Lazy<ImageStore> _store;

    /// <summary>Prepares stage training of <paramref name="manifest"/> into <paramref name="outDir"/>.</summary>
    public StageTraining(DatasetManifest manifest, ExperimentSettings settings, string outDir, IProgress<EpochReport>? progress, bool resume)
    {
        _manifest = manifest;
        _settings = settings;
        _outDir = Path.GetFullPath(outDir);
        _progress = progress;
        _resume = resume;
        Split = ExperimentSplits.Holdout(manifest.Records, 1, settings.TestFraction, (ulong)settings.Seed)[0];
        _store = new(() => ImageStore.LoadOrDecode(Path.Combine(_outDir, $"images-{settings.ImageSize}.bin"), manifest, settings.ImageSize));
    }

    /// <summary>The split: test galaxies, the expert set L and the pool.</summary>
    public ExperimentSplit Split { get; }

    /// <summary>Folder of a stage's outputs.</summary>
    public string StageFolder(string stage) => Path.Combine(_outDir, stage);

    /// <summary>Stage 1: the autoencoder on every image except the test split (labels ignored).</summary>
    public ConvAutoencoder Autoencoder()
    {
        var folder = StageFolder("autoencoder");
        var options = _settings.AutoencoderOptions(_settings.Seed, Path.Combine(folder, "curve.csv"));
        options = options with { Training = Checkpointed(options.Training, folder) };
        var model = AutoencoderStage.Train(_store.Value, Split.Pool, _settings.Network(2), options).Model;
        ModelFiles.Save(folder, model, model.Config);
        return model;
    }

    /// <summary>Stage 2: a classifier initialised from <paramref name="autoencoder"/>'s encoder (or random), trained on amateur labels.</summary>
    public CzslClassifier Amateur(Scenario scenario, ConvAutoencoder? autoencoder)
    {
        var data = Data(scenario);
        var folder = StageFolder($"amateur-{Name(scenario)}");
        var (train, val) = CnnMethods.SplitForValidation(data.Amateur, 0.1, (ulong)_settings.Seed);
        var options = _settings.ClassifierOptions(scenario, _settings.AmateurEpochs, _settings.Seed + 1, Path.Combine(folder, "curve.csv"), fineTune: false);
        options = options with { Training = Checkpointed(options.Training, folder) };
        var model = ClassifierStage.Train(_store.Value, train.Indices, ClassTargets.Soft(train.Targets), val.Indices, ClassTargets.Soft(val.Targets),
            _settings.Network(data.ClassCount), options, autoencoder?.Encoder).Model;
        ModelFiles.Save(folder, model, model.Config);
        return model;
    }

    /// <summary>
    /// Stage 4 (with stage 3): fine-tunes <paramref name="model"/> on the expert labels of L, plus the amateur set relabelled by
    /// <paramref name="transfer"/> when given; returns the test-set metrics against expert labels.
    /// </summary>
    public ClassificationReport Expert(Scenario scenario, CzslClassifier model, ILabelTransfer? transfer)
    {
        var data = Data(scenario);
        var folder = StageFolder($"expert-{Name(scenario)}");
        var (train, val) = CnnMethods.SplitForValidation(data.Expert, 0.2, (ulong)_settings.Seed);
        var epochs = _settings.ExpertEpochs;
        if (transfer is not null)
        {
            train = train.Concat(CnnMethods.Transfer(_manifest.Records, data, transfer, _settings.SoftTransfer, out _));
            epochs = _settings.AmateurEpochs;
        }
        var options = _settings.ClassifierOptions(scenario, epochs, _settings.Seed + 2, Path.Combine(folder, "curve.csv"), fineTune: true);
        options = options with { Training = Checkpointed(options.Training, folder) };
        ClassifierStage.Continue(model, _store.Value, train.Indices, ClassTargets.Soft(train.Targets), val.Indices, ClassTargets.Soft(val.Targets), options);
        ModelFiles.Save(folder, model, model.Config);
        var probabilities = ClassifierStage.Predict(model, _store.Value, data.Test.Indices);
        return ClassificationMetrics.Compute(data.Test.Labels, probabilities, data.ClassCount);
    }

    /// <summary>The scenario's sets for this split.</summary>
    public ScenarioData Data(Scenario scenario) => ScenarioData.Build(_manifest.Records, Split, scenario, _settings.AmateurPolicy);

    private TrainingOptions Checkpointed(TrainingOptions training, string folder) => training with
    {
        CheckpointDirectory = Path.Combine(folder, "checkpoints"),
        Resume = _resume,
        Progress = _progress,
    };

    private static string Name(Scenario scenario) => scenario.ToString().ToLowerInvariant();
}
