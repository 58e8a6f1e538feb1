using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Recipe;
using CzSL.Reporting;
using CzSL.Training.Loop;
using CzSL.Training.Stages;
using Microsoft.ML;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// One fold of the paper protocol: its recipe (the autoencoder, trained here or loaded from an earlier run's folder),
/// its data sets, and each execution (the recipe's variants, the ML.NET baselines on the encoder's code and the
/// image-free references) with its results added to a <see cref="PaperResults"/>. <see cref="PaperProtocol"/> runs
/// every execution of every fold in one process; a plan's units run one autoencoder or one execution each.
/// </summary>
public sealed class PaperFoldRun : IDisposable
{
    /// <summary>The recipe's variants this protocol trains, in order (pre-training first: CzSL continues from it).</summary>
    internal static readonly CzslMethod[] Variants = [CzslMethod.AutoencoderAmateur, CzslMethod.Czsl, CzslMethod.ExpertOnly];

    private readonly PaperProtocolOptions _options;
    private readonly PaperFold _fold;
    private readonly PaperTable _table;
    private readonly PaperImageSet _images;
    private readonly PaperResults _results;
    private readonly Action<string> _status;
    private readonly RecipeContext _context;
    private readonly CzslRecipe _recipe;
    private readonly int[] _aeStores;
    private float[][]? _trainCodes;
    private float[][]? _testCodes;

    private PaperFoldRun(PaperProtocolOptions options, PaperFold fold, PaperTable table, PaperImageSet images, RecipeOptions recipe,
        string autoencoderFolder, bool loadAutoencoder, PaperResults results, Action<string> status, IProgress<EpochReport>? progress, CancellationToken cancellation)
    {
        _options = options;
        _fold = fold;
        _table = table;
        _images = images;
        _results = results;
        _status = status;
        var test = fold.Test.Imaged;
        var recordOf = fold.Training.Imaged.Concat(test).ToDictionary(x => x.Store, x => x.Record);
        _context = new RecipeContext
        {
            Store = images.Store,
            Record = i => recordOf[i],
            Validation = new PaperValidation(options.Sampling),
            Folder = autoencoderFolder,
            Progress = progress,
            Cancellation = cancellation,
            StageTrained = results.Meter.Add,
            LoadSaved = loadAutoencoder ? new HashSet<RecipeStage> { RecipeStage.AutoencoderPretraining } : new HashSet<RecipeStage>(),
        };
        _aeStores = fold.Training.Imaged.Select(t => t.Store).ToArray();
        _recipe = new CzslRecipe(recipe, _context, _aeStores, options.Seed, fold.Fold);
    }

    /// <summary>
    /// The fold's run, its autoencoder in <paramref name="autoencoderFolder"/> (trained there on first use, or loaded
    /// from there when <paramref name="loadAutoencoder"/>); null, with a note, when the fold has too few images to
    /// train and score.
    /// </summary>
    public static PaperFoldRun? Create(PaperProtocolOptions options, PaperFold fold, PaperTable table, PaperImageSet images, string autoencoderFolder,
        bool loadAutoencoder, PaperResults results, Action<string> status, IProgress<EpochReport>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fold);
        ArgumentNullException.ThrowIfNull(results);
        var training = fold.Training.Imaged.Count;
        var test = fold.Test.Imaged.Count;
        if (test == 0 || training < 2)
        {
            results.Note($"fold {fold.Fold}: {training} training and {test} test galaxies have an image — too few to train and score; fold skipped.");
            return null;
        }
        return new PaperFoldRun(options, fold, table, images, options.Recipe(), autoencoderFolder, loadAutoencoder, results, status, progress, cancellation);
    }

    /// <summary>The folder of the autoencoder under a fold's folder.</summary>
    public static string AutoencoderFolder(string foldFolder) => Path.Combine(foldFolder, AutoencoderPretraining.Folder);

    /// <summary>Stage 1: trains (and saves) or loads the fold's autoencoder.</summary>
    public void Autoencoder()
    {
        _status($"fold {_fold.Fold}: autoencoder on {_aeStores.Length:N0} images");
        _recipe.Autoencoder();
        if (_results.CurveCount == 0) _results.Curve($"fold {_fold.Fold} autoencoder", RecipeContext.CurvePath(AutoencoderFolder(_context.Folder)));
    }

    /// <summary>Runs execution <paramref name="execution"/> in <paramref name="folder"/> and adds its results.</summary>
    public void Execution(int execution, string folder)
    {
        var k = _fold.Fold;
        var e = execution;
        var scenario = _options.Scenario;
        var classes = ScenarioClasses.Of(scenario).Count;
        var test = _fold.Test.Imaged;
        var training = _fold.Training.Imaged;
        var testStores = test.Select(t => t.Store).ToArray();
        var testTruth = test.Select(t => PaperLabels.Expert(t.Record, scenario)).ToArray();
        if (_trainCodes is null || _testCodes is null)
        {
            var codes = AutoencoderStage.Encode(_recipe.Autoencoder().Model, _images.Store, [.. _aeStores, .. testStores]);
            _trainCodes = codes.Take(_aeStores.Length).ToArray();
            _testCodes = codes.Skip(_aeStores.Length).ToArray();
        }
        var position = _aeStores.Select((store, row) => (store, row)).ToDictionary(x => x.store, x => x.row);

        // The recipe's sets (image subset, file order): pre-training on the amateur labels of L ∪ A; the transfer learns
        // from all of L (it needs no image) and relabels A; the expert-only CNN learns from the whole training fold.
        LabelledSet Set(IReadOnlyList<(GalaxyRecord Record, int Store)> rows, Func<GalaxyRecord, int> label)
        {
            var labels = rows.Select(x => label(x.Record)).ToArray();
            return new LabelledSet(rows.Select(x => x.Store).ToArray(), labels, labels.Select(l => AmateurLabel.OneHot(l, classes).Target).ToArray());
        }
        int Amateur(GalaxyRecord r) => PaperLabels.Amateur(_table, r, scenario);
        int Expert(GalaxyRecord r) => PaperLabels.Expert(r, scenario);
        var data = new RecipeData(scenario, Set(_fold.L.Imaged, Expert), Set(_fold.L.Concat(_fold.A, "L ∪ A").Imaged, Amateur))
        {
            Transferable = Set(_fold.A.Imaged, Amateur),
            ExpertAlone = Set(training, Expert),
            TransferLabelled = _fold.L.Records,
        };
        double Main(ClassificationReport r) => ExpertEvaluation.MainMetric(r, scenario);
        var amateurOnA = Main(ClassificationMetrics.Compute(_fold.A.Records.Select(Expert).ToArray(), _fold.A.Records.Select(Amateur).ToArray(), classes));
        var expertLabels = training.Select(t => Expert(t.Record)).ToArray();
        var testRecords = test.Select(t => t.Record).ToList();
        var amateurTest = testRecords.Select(r => AmateurLabel.OneHot(Amateur(r), classes).Target).ToArray();

        using var run = _recipe.Execution(e, _context with { Folder = folder });
        var seeds = run.Seeds(scenario);
        var transfer = run.Transfer(data);
        var labeller = transfer.Labeller ?? throw new InvalidDataException($"fold {k}: no galaxy of L has votes; the paper's tables always do.");
        _results.AddSizes(new PaperFoldSizes(k, _fold.Training.Count, _fold.L.Count, _fold.A.Count, _fold.U.Count, _fold.Test.Count,
            Count(data.Amateur, _context.Validation, RecipeStage.AmateurPretraining, seeds),
            Count(data.Expert.Concat(transfer.Relabelled), _context.Validation, RecipeStage.ExpertFineTuning, seeds),
            Count(data.ExpertAlone!, _context.Validation, RecipeStage.ExpertFineTuning, seeds),
            Main(labeller.Evaluate(_fold.A.Records)), amateurOnA));

        foreach (var variant in Variants)
        {
            _status($"fold {k} execution {e}: {variant.Name()} ({variant.Description()})");
            try
            {
                var result = run.Train(data, variant);
                using var model = result.Model;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var probabilities = ClassifierStage.Predict(model, _images.Store, testStores);
                Add(variant.Name(), k, e, testTruth, probabilities, result.TrainSeconds, clock.Elapsed.TotalSeconds);
            }
            catch (InvalidDataException tooSmall)
            {
                _results.Note($"fold {k} execution {e}: {variant.Name()} skipped — {tooSmall.Message}");
            }
        }
        if (_results.CurveCount == 1)
        {
            _results.Curve($"fold {k} pre-training", RecipeContext.CurvePath(Path.Combine(folder, AmateurPretraining.Folder(data, fromEncoder: true))));
            _results.Curve($"fold {k} fine-tuning", RecipeContext.CurvePath(Path.Combine(folder, ExpertFineTuning.Folder(data, CzslMethod.Czsl))));
        }

        // Baselines: ML.NET trainers on the encoder's flattened code, and the image-free references.
        _status($"fold {k} execution {e}: ML.NET baselines on the autoencoder's code");
        var baselineSeed = seeds.Training(RecipeStage.ExpertFineTuning);
        var order = _context.Validation.Labelled(data.ExpertAlone!, RecipeStage.ExpertFineTuning, seeds.Split(RecipeStage.ExpertFineTuning));
        var rows = order.Train.Indices.Concat(order.Validation.Indices).Select(i => position[i]).ToArray();
        Classical(k, e, (int)(baselineSeed % int.MaxValue), rows.Select(i => (_trainCodes[i], expertLabels[i])).ToList(), _testCodes, testTruth, classes);
        var transferred = labeller.Method.PredictProba(testRecords);
        Add("transfer-votes", k, e, ClassificationMetrics.Compute(testTruth, labeller.Decide(transferred), transferred, classes), transfer.Seconds, 0);
        Add("amateur-votes", k, e, testTruth, amateurTest, 0, 0);
    }

    private static int Count(LabelledSet set, ValidationSplit validation, RecipeStage stage, RecipeSeeds seeds)
    {
        var (train, held) = validation.Labelled(set, stage, seeds.Split(stage));
        return train.Count + held.Count;
    }

    private void Classical(int fold, int execution, int seed, IReadOnlyList<(float[] Code, int Label)> train, float[][] testCodes, int[] testTruth, int classes)
    {
        foreach (var trainer in _options.BaselineTrainers)
        {
            var name = $"{trainer.ToString().ToLowerInvariant()}-cae";
            if (train.Select(t => t.Label).Distinct().Count() < 2)
            {
                _results.Note($"fold {fold} execution {execution}: {name} skipped — its training labels hold a single class.");
                continue;
            }
            var ml = new MLContext(seed);
            var baseline = new ClassicalBaseline(new VectorFeaturizer("cae"), new BaselineOptions { Trainer = trainer, Seed = seed });
            var run = baseline.Run(BaselineData.FromVectors(ml, train.Select(t => t.Code).ToList(), train.Select(t => t.Label).ToList()),
                BaselineData.FromVectors(ml, testCodes), classes);
            Add(name, fold, execution, testTruth, run.Probabilities, run.TrainSeconds, run.ScoreSeconds);
        }
    }

    private void Add(string method, int fold, int execution, int[] truth, IReadOnlyList<float[]> probabilities, double trainSeconds, double scoreSeconds) =>
        Add(method, fold, execution, ClassificationMetrics.Compute(truth, probabilities, ScenarioClasses.Of(_options.Scenario).Count, 0.5), trainSeconds, scoreSeconds);

    private void Add(string method, int fold, int execution, ClassificationReport expert, double trainSeconds, double scoreSeconds) =>
        _results.Add(new PaperMethodRepeat(method, new RepeatResult
        {
            Fold = fold,
            Execution = execution,
            Expert = expert,
            TrainSeconds = trainSeconds,
            ScoreSeconds = scoreSeconds,
        }));

    /// <summary>Frees the autoencoder.</summary>
    public void Dispose() => _recipe.Dispose();
}
