using System.Diagnostics;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Data;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Transfer;
using CzSL.Reporting;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;
using CzSL.Training;
using Microsoft.ML;

namespace CzSL.Pipeline.Paper;

/// <summary>
/// The CzSL paper's protocol on its own five folds. Per fold k: the autoencoder on every image of the training fold
/// (file order, first 70% train / last 30% validation); the label transfer fitted on L's vote fractions and expert
/// labels (all of L: it needs no images) relabelling A; then per execution (a fresh seed): pre-training of a CNN
/// initialised from the encoder on the amateur labels of L ∪ A, fine-tuning on L (expert) ∪ A (transferred), the same
/// CNN from scratch on the expert labels of the whole training fold, and ML.NET trainers on the encoder's flattened
/// code; each network trains on the first 70% of its set (after ROS/RUS for MG) and validates on the rest. Everything
/// is scored on test fold k against the expert labels, with argmax decisions (the reference code's). Image-based steps
/// use the galaxies that have an image; the others are counted as missing per set.
/// </summary>
/// <remarks>
/// Methods: <c>czsl</c>; <c>amateur-only</c> (the pre-trained network, before fine-tuning); <c>cnn-expert</c>;
/// <c>lbfgs-cae</c>, <c>lightgbm-cae</c>, <c>fastforest-cae</c>; and two image-free references on the same test
/// galaxies: <c>transfer-votes</c> (the fitted label transfer applied to the test galaxies' votes) and
/// <c>amateur-votes</c> (their amateur labels).
/// </remarks>
public sealed class PaperProtocol(PaperProtocolOptions options, IProgress<ExperimentProgress>? progress = null)
{
    private readonly List<string> _notes = [];
    private readonly Dictionary<string, List<RepeatResult>> _methods = [];
    private double _done;
    private double _total;

    /// <summary>Method names in report order with what each is.</summary>
    public static IReadOnlyList<(string Name, string Description)> Methods { get; } =
    [
        (CzslMethod.Czsl.Name(), "autoencoder encoder → pre-training on amateur labels of L ∪ A → fine-tuning on L (expert) ∪ A (transferred)"),
        (CzslMethod.AutoencoderAmateur.Name(), "autoencoder encoder → amateur labels of L ∪ A only (the pre-trained network)"),
        (CzslMethod.ExpertOnly.Name(), "the same CNN from random weights on the expert labels of the whole training fold"),
        ("lbfgs-cae", "ML.NET L-BFGS (logistic regression / maximum entropy) on the encoder's flattened code, expert labels of the training fold"),
        ("lightgbm-cae", "ML.NET LightGbm on the encoder's flattened code, expert labels of the training fold"),
        ("fastforest-cae", "ML.NET FastForest on the encoder's flattened code, expert labels of the training fold"),
        ("transfer-votes", "no image: the label transfer (fitted on L) applied to the test galaxies' vote fractions"),
        ("amateur-votes", "no image: the test galaxies' amateur labels"),
    ];

    /// <summary>The recipe's variants this protocol trains, in order (pre-training first: CzSL continues from it).</summary>
    private static readonly CzslMethod[] Variants = [CzslMethod.AutoencoderAmateur, CzslMethod.Czsl, CzslMethod.ExpertOnly];

    /// <summary>Runs the protocol and writes report.md/json/html and reproduction.md/json into <paramref name="outDir"/> (work files in its work/ folder).</summary>
    /// <exception cref="InvalidDataException">No galaxy has an image, or no method could be scored on any fold.</exception>
    public PaperRun Run(PaperTables tables, string imagesDirectory, string? labelsCsv, string outDir, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tables);
        options.Validate();
        var clock = Stopwatch.StartNew();
        outDir = Path.GetFullPath(outDir);
        var work = Path.Combine(outDir, "work");
        Directory.CreateDirectory(work);
        var scenario = options.Scenario;
        var table = tables.Table(PaperLabels.TableOf(scenario));
        var recipe = options.Recipe();
        TorchRuntime.EnsureInitialised();
        _total = 1 + options.Folds.Count * (1 + (Variants.Length + 1) * options.Executions);

        Report("decoding images");
        var images = PaperImageSet.Load(table, imagesDirectory, labelsCsv, work, recipe.Preprocessing,
            new Progress<(int Done, int Total)>(p => Report($"decoding images {p.Done:N0}/{p.Total:N0}")), cancellation);
        Advance(1, "images decoded");
        _notes.Add($"{images.Count:N0} of the {table.Records.Count:N0} galaxies of the {table.Kind} table have an image " +
                   $"({images.ImagesInFolder:N0} images in the folder, {images.ImagesOutsideTable:N0} of them not in the table): every image-based " +
                   "step works on that subset; galaxies without an image are counted as missing per set (folds table).");

        var meter = new ThroughputMeter();
        var sizes = new List<PaperFoldSizes>();
        var curves = new List<(string Name, string CsvPath)>();
        var epochProgress = new Progress<EpochReport>(e => Report(
            $"{e.Stage} epoch {e.Epoch}/{e.Epochs} loss {e.Record.TrainLoss:F4} · {e.Record.ImagesPerSecond:N0} img/s"));

        foreach (var k in options.Folds)
        {
            cancellation.ThrowIfCancellationRequested();
            var fold = PaperFold.Build(table, k, images.IndexOf);
            var sized = RunFold(fold, table, images, recipe, epochProgress, meter, Path.Combine(work, $"fold{k}"), curves, cancellation);
            if (sized is not null) sizes.Add(sized);
        }
        if (_methods.Count == 0)
            throw new InvalidDataException("No method could be trained and scored on any fold: " + string.Join(" ", _notes));

        var result = new ComparisonResult
        {
            Title = $"CzSL paper protocol — {scenario}{(options.Variant is { } v ? " " + v : "")} on the paper's folds",
            Dataset = $"the CzSL paper's {table.Kind} table ({table.Records.Count:N0} galaxies; real Galaxy Zoo 1 votes, the paper's expert labels) " +
                      $"with real SDSS images for {images.Count:N0} of them; folds {string.Join(",", options.Folds)} × {options.Executions} executions, " +
                      $"preset {options.Preset.Name}, epochs ×{options.EpochsScale:G3}, transfer {options.Transfer.Name}; set sizes and missing images in reproduction.md",
            Scenarios =
            [
                new ScenarioResult
                {
                    Scenario = scenario,
                    Variant = options.Variant,
                    Methods = Methods.Where(m => _methods.ContainsKey(m.Name))
                        .Select(m => new MethodResult { Name = m.Name, IsCzsl = m.Name == CzslMethod.Czsl.Name(), Repeats = _methods[m.Name] }).ToList(),
                },
            ],
        };
        var report = ReportWriter.Write(result, outDir, new ReportAssets { TrainingCurves = curves });
        var projection = meter.Project(tables.Mg);
        var run = new PaperRun(result, report, sizes, meter.Stages, projection, _notes, Path.Combine(outDir, ReproductionReport.MarkdownFile), clock.Elapsed);
        ReproductionReport.Write(run, options, outDir);
        Advance(0, "report written");
        return run;
    }

    private PaperFoldSizes? RunFold(PaperFold fold, PaperTable table, PaperImageSet images, RecipeOptions recipeOptions, IProgress<EpochReport> epochProgress,
        ThroughputMeter meter, string folder, List<(string, string)> curves, CancellationToken cancellation)
    {
        var k = fold.Fold;
        var scenario = options.Scenario;
        var classes = ScenarioClasses.Of(scenario).Count;
        var store = images.Store;
        var test = fold.Test.Imaged;
        var training = fold.Training.Imaged;
        if (test.Count == 0 || training.Count < 2)
        {
            _notes.Add($"fold {k}: {training.Count} training and {test.Count} test galaxies have an image — too few to train and score; fold skipped.");
            Advance(1 + (Variants.Length + 1) * options.Executions, $"fold {k} skipped");
            return null;
        }
        Directory.CreateDirectory(folder);
        var testStores = test.Select(t => t.Store).ToArray();
        var testTruth = test.Select(t => PaperLabels.Expert(t.Record, scenario)).ToArray();
        var recordOf = fold.Training.Imaged.Concat(test).ToDictionary(x => x.Store, x => x.Record);
        var context = new RecipeContext
        {
            Store = store,
            Record = i => recordOf[i],
            Validation = new PaperValidation(options.Sampling),
            Folder = folder,
            Progress = epochProgress,
            Cancellation = cancellation,
            StageTrained = meter.Add,
        };

        // 1. Autoencoder on every image of the training fold (labels ignored), 70/30 in file order; one per fold.
        Report($"fold {k}: autoencoder on {training.Count:N0} images");
        var aeStores = training.Select(t => t.Store).ToArray();
        var position = aeStores.Select((store, row) => (store, row)).ToDictionary(x => x.store, x => x.row);
        using var recipe = new CzslRecipe(recipeOptions, context, aeStores, options.Seed, k);
        var autoencoder = recipe.Autoencoder().Model;
        if (curves.Count == 0) curves.Add(($"fold {k} autoencoder", RecipeContext.CurvePath(Path.Combine(folder, AutoencoderPretraining.Folder))));
        var codes = AutoencoderStage.Encode(autoencoder, store, [.. aeStores, .. testStores]);
        var trainCodes = codes.Take(aeStores.Length).ToArray();
        var testCodes = codes.Skip(aeStores.Length).ToArray();
        Advance(1, $"fold {k}: autoencoder trained");

        // The recipe's sets (image subset, file order): pre-training on the amateur labels of L ∪ A; the transfer learns
        // from all of L (it needs no image) and relabels A; the expert-only CNN learns from the whole training fold.
        LabelledSet Set(IReadOnlyList<(GalaxyRecord Record, int Store)> rows, Func<GalaxyRecord, int> label)
        {
            var labels = rows.Select(x => label(x.Record)).ToArray();
            return new LabelledSet(rows.Select(x => x.Store).ToArray(), labels, labels.Select(l => AmateurLabel.OneHot(l, classes).Target).ToArray());
        }
        int Amateur(GalaxyRecord r) => PaperLabels.Amateur(table, r, scenario);
        int Expert(GalaxyRecord r) => PaperLabels.Expert(r, scenario);
        var data = new RecipeData(scenario, Set(fold.L.Imaged, Expert), Set(fold.L.Concat(fold.A, "L ∪ A").Imaged, Amateur))
        {
            Transferable = Set(fold.A.Imaged, Amateur),
            ExpertAlone = Set(training, Expert),
            TransferLabelled = fold.L.Records,
        };
        var truthA = fold.A.Records.Select(Expert).ToArray();
        var amateurA = fold.A.Records.Select(Amateur).ToArray();
        double Main(ClassificationReport r) => scenario == Scenario.MG ? r.Binary?.GMean ?? double.NaN : r.Accuracy;
        var amateurOnA = Main(ClassificationMetrics.Compute(truthA, amateurA, classes));
        var expertLabels = training.Select(t => Expert(t.Record)).ToArray();
        var testRecords = test.Select(t => t.Record).ToList();
        var amateurTest = testRecords.Select(r => AmateurLabel.OneHot(Amateur(r), classes).Target).ToArray();

        PaperFoldSizes? sizes = null;
        for (var e = 1; e <= options.Executions; e++)
        {
            cancellation.ThrowIfCancellationRequested();
            var run = Path.Combine(folder, $"exec{e}");
            using var execution = recipe.Execution(e, context with { Folder = run });
            var seeds = execution.Seeds(scenario);
            var transfer = execution.Transfer(data);
            var labeller = transfer.Labeller ?? throw new InvalidDataException($"fold {k}: no galaxy of L has votes; the paper's tables always do.");
            sizes ??= new PaperFoldSizes(k, fold.Training.Count, fold.L.Count, fold.A.Count, fold.U.Count, fold.Test.Count,
                Count(data.Amateur, context.Validation, RecipeStage.AmateurPretraining, seeds),
                Count(data.Expert.Concat(transfer.Relabelled), context.Validation, RecipeStage.ExpertFineTuning, seeds),
                Count(data.ExpertAlone!, context.Validation, RecipeStage.ExpertFineTuning, seeds),
                Main(labeller.Evaluate(fold.A.Records)), amateurOnA);

            foreach (var variant in Variants)
            {
                Report($"fold {k} execution {e}: {variant.Name()} ({variant.Description()})");
                try
                {
                    var result = execution.Train(data, variant);
                    using var model = result.Model;
                    Score(variant.Name(), k, e, model, store, testStores, testTruth, result.TrainSeconds);
                }
                catch (InvalidDataException tooSmall)
                {
                    _notes.Add($"fold {k} execution {e}: {variant.Name()} skipped — {tooSmall.Message}");
                }
                Advance(1, $"fold {k} execution {e}: {variant.Name()} done");
            }
            if (curves.Count == 1)
                curves.AddRange([
                    ($"fold {k} pre-training", RecipeContext.CurvePath(Path.Combine(run, AmateurPretraining.Folder(data, fromEncoder: true)))),
                    ($"fold {k} fine-tuning", RecipeContext.CurvePath(Path.Combine(run, ExpertFineTuning.Folder(data, CzslMethod.Czsl)))),
                ]);

            // Baselines: ML.NET trainers on the encoder's flattened code, and the image-free references.
            Report($"fold {k} execution {e}: ML.NET baselines on the autoencoder's code");
            var baselineSeed = seeds.Training(RecipeStage.ExpertFineTuning);
            var order = context.Validation.Labelled(data.ExpertAlone!, RecipeStage.ExpertFineTuning, seeds.Split(RecipeStage.ExpertFineTuning));
            var rows = order.Train.Indices.Concat(order.Validation.Indices).Select(i => position[i]).ToArray();
            Classical(k, e, (int)(baselineSeed % int.MaxValue), rows.Select(i => (trainCodes[i], expertLabels[i])).ToList(), testCodes, testTruth, classes);
            var transferred = labeller.Method.PredictProba(testRecords);
            Add("transfer-votes", k, e, ClassificationMetrics.Compute(testTruth, labeller.Decide(transferred), transferred, classes), transfer.Seconds, 0);
            Add("amateur-votes", k, e, testTruth, amateurTest, 0.5, 0, 0);
            Advance(1, $"fold {k} execution {e}: baselines done");
        }
        return sizes;
    }

    private static int Count(LabelledSet set, ValidationSplit validation, RecipeStage stage, RecipeSeeds seeds)
    {
        var (train, held) = validation.Labelled(set, stage, seeds.Split(stage));
        return train.Count + held.Count;
    }

    private void Classical(int fold, int execution, int seed, IReadOnlyList<(float[] Code, int Label)> train, float[][] testCodes, int[] testTruth, int classes)
    {
        foreach (var trainer in options.BaselineTrainers)
        {
            var name = $"{trainer.ToString().ToLowerInvariant()}-cae";
            if (train.Select(t => t.Label).Distinct().Count() < 2)
            {
                _notes.Add($"fold {fold} execution {execution}: {name} skipped — its training labels hold a single class.");
                continue;
            }
            var ml = new MLContext(seed);
            var baseline = new ClassicalBaseline(new VectorFeaturizer("cae"), new BaselineOptions { Trainer = trainer, Seed = seed });
            var run = baseline.Run(BaselineData.FromVectors(ml, train.Select(t => t.Code).ToList(), train.Select(t => t.Label).ToList()),
                BaselineData.FromVectors(ml, testCodes), classes);
            Add(name, fold, execution, testTruth, run.Probabilities, 0.5, run.TrainSeconds, run.ScoreSeconds);
        }
    }

    private void Score(string method, int fold, int execution, CzslClassifier model, CzSL.Data.Images.ImageStore store, int[] testStores, int[] truth, double trainSeconds)
    {
        var clock = Stopwatch.StartNew();
        var probabilities = ClassifierStage.Predict(model, store, testStores);
        Add(method, fold, execution, truth, probabilities, 0.5, trainSeconds, clock.Elapsed.TotalSeconds);
    }

    private void Add(string method, int fold, int execution, int[] truth, IReadOnlyList<float[]> probabilities, double threshold, double trainSeconds, double scoreSeconds) =>
        Add(method, fold, execution, ClassificationMetrics.Compute(truth, probabilities, ScenarioClasses.Of(options.Scenario).Count, threshold), trainSeconds, scoreSeconds);

    private void Add(string method, int fold, int execution, ClassificationReport expert, double trainSeconds, double scoreSeconds)
    {
        if (!_methods.TryGetValue(method, out var list)) _methods[method] = list = [];
        list.Add(new RepeatResult
        {
            Fold = fold,
            Execution = execution,
            Expert = expert,
            TrainSeconds = trainSeconds,
            ScoreSeconds = scoreSeconds,
        });
    }

    private void Report(string status) => progress?.Report(new ExperimentProgress(_done, _total, status));

    private void Advance(double units, string status)
    {
        _done += units;
        Report(status);
    }
}
