using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Comparison;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Recipe;

/// <summary>
/// The recipe's stages one at a time, as the <c>czsl train</c> verbs run them: each run trains one stage (or all of
/// them) of a <see cref="CzslRecipe"/> into the same folder, loading what earlier runs saved there, with per-epoch
/// checkpoints (so <c>--resume</c> continues a killed run). The split and the seeds are those of repeat 0 of
/// <c>compare</c> with the same seed, so <c>train czsl</c> gives the same network as <c>compare</c>'s first repeat.
/// </summary>
public sealed class StagewiseTraining
{
    private readonly DatasetManifest _manifest;
    private readonly RecipeOptions _options;
    private readonly string _outDir;
    private readonly int _seed;
    private readonly IProgress<EpochReport>? _progress;
    private readonly bool _resume;
    private readonly Lazy<ImageStore> _store;

    /// <summary>Prepares stage training of <paramref name="manifest"/> into <paramref name="outDir"/>.</summary>
    public StagewiseTraining(DatasetManifest manifest, RecipeOptions options, double testFraction, int seed, string outDir,
        IProgress<EpochReport>? progress, bool resume)
    {
        _manifest = manifest;
        _options = options;
        _seed = seed;
        _outDir = Path.GetFullPath(outDir);
        _progress = progress;
        _resume = resume;
        Split = ExperimentSplits.Holdout(manifest.Records, 1, testFraction, (ulong)seed)[0];
        _store = new(() => ImageStore.LoadOrDecode(options.Preprocessing.CachePath(_outDir), manifest, options.Preprocessing));
    }

    /// <summary>The split: test galaxies, the expert set L and the pool.</summary>
    public ExperimentSplit Split { get; }

    /// <summary>The output folder; stage outputs are its sub-folders (<see cref="RecipeStageNames.Folder"/>).</summary>
    public string Folder => _outDir;

    /// <summary>The scenario's sets for this split.</summary>
    public ScenarioData Data(Scenario scenario) => ScenarioData.Build(_manifest.Records, Split, scenario, _options.AmateurPolicy);

    /// <summary>Stage 1 alone: the autoencoder on every image except the test split; returns its folder.</summary>
    public string Autoencoder()
    {
        using var recipe = Recipe();
        recipe.Autoencoder();
        return Path.Combine(_outDir, AutoencoderPretraining.Folder);
    }

    /// <summary>Stage 2 alone (loading the saved autoencoder when <paramref name="method"/> uses it); returns its folder.</summary>
    public string Amateur(Scenario scenario, CzslMethod method)
    {
        var switches = method.Switches();
        if (!switches.Amateurs) throw new ArgumentException($"Method {method.Name()} has no amateur pre-training.");
        using var recipe = Recipe(RecipeStage.AutoencoderPretraining);
        var data = Data(scenario).ForRecipe();
        recipe.Train(data, switches.Autoencoder ? CzslMethod.AutoencoderAmateur : CzslMethod.AmateurOnly).Model.Dispose();
        return Path.Combine(_outDir, AmateurPretraining.Folder(data, switches.Autoencoder));
    }

    /// <summary>Stages 3–4 (loading the saved earlier stages); returns the test metrics against expert labels.</summary>
    public ClassificationReport Expert(Scenario scenario, CzslMethod method) =>
        Run(scenario, method, RecipeStage.AutoencoderPretraining, RecipeStage.AmateurPretraining);

    /// <summary>Every stage of <paramref name="method"/> in order; returns the test metrics against expert labels.</summary>
    public ClassificationReport All(Scenario scenario, CzslMethod method) => Run(scenario, method);

    /// <summary>
    /// Fine-tunes a released network (its TorchSharp weights in <paramref name="networkFolder"/>, e.g. <c>models/czsl-es.torch</c>)
    /// on this dataset's expert labels L of <paramref name="scenario"/> — the "start from our model" route — and saves it
    /// into <see cref="FromModelFolder"/>; returns the test metrics against expert labels.
    /// </summary>
    /// <exception cref="ArgumentException">The network's classes or input preprocessing do not fit the task or these options.</exception>
    public ClassificationReport FromModel(Scenario scenario, string networkFolder)
    {
        var model = ModelFiles.LoadClassifier(networkFolder);
        try
        {
            var classes = ScenarioClasses.Of(scenario).Count;
            if (model.Config.ClassCount != classes)
                throw new ArgumentException($"The network in {networkFolder} has {model.Config.ClassCount} outputs; task {scenario} has {classes} classes ({string.Join(", ", ScenarioClasses.Of(scenario))}).");
            if (model.Config.Preprocessing != _options.Preprocessing)
                throw new ArgumentException($"The network in {networkFolder} takes images made as {model.Config.Preprocessing}; these options make {_options.Preprocessing}.");
            var sets = Data(scenario);
            var data = sets.ForRecipe() with { Part = FromModelPart };
            var context = Context();
            var tuned = ExpertFineTuning.Train(_options, context, data, CzslMethod.Czsl, model, null, null, RecipeSeeds.For(_seed, Split.Repeat, scenario, 0)).Model;
            var test = sets.Test;
            var probabilities = ClassifierStage.Predict(tuned, _store.Value, test.Indices, mirrorClasses: ScenarioClasses.MirrorClasses(scenario));
            return ClassificationMetrics.Compute(test.Labels, probabilities, classes);
        }
        finally
        {
            model.Dispose();
        }
    }

    /// <summary>The folder <see cref="FromModel"/> saves into.</summary>
    public string FromModelFolder(Scenario scenario) =>
        Path.Combine(_outDir, ExpertFineTuning.Folder(Data(scenario).ForRecipe() with { Part = FromModelPart }, CzslMethod.Czsl));

    private const string FromModelPart = "from-model";

    /// <summary>The folder of <paramref name="method"/>'s final network.</summary>
    public string ModelFolder(Scenario scenario, CzslMethod method)
    {
        var data = Data(scenario).ForRecipe();
        var switches = method.Switches();
        return Path.Combine(_outDir, switches.Expert ? ExpertFineTuning.Folder(data, method) : AmateurPretraining.Folder(data, switches.Autoencoder));
    }

    private ClassificationReport Run(Scenario scenario, CzslMethod method, params RecipeStage[] loadSaved)
    {
        using var recipe = Recipe(loadSaved);
        var data = Data(scenario);
        using var model = recipe.Train(data.ForRecipe(), method).Model;
        var probabilities = ClassifierStage.Predict(model, _store.Value, data.Test.Indices);
        return ClassificationMetrics.Compute(data.Test.Labels, probabilities, data.ClassCount);
    }

    private CzslRecipe Recipe(params RecipeStage[] loadSaved) => new(_options, Context(loadSaved), Split.Pool, _seed, Split.Repeat);

    private RecipeContext Context(params RecipeStage[] loadSaved) => new()
    {
        Store = _store.Value,
        Record = i => _manifest.Records[i],
        Validation = new StratifiedValidation(),
        Folder = _outDir,
        Checkpoints = true,
        Resume = _resume,
        LoadSaved = loadSaved.ToHashSet(),
        Progress = _progress,
    };
}
