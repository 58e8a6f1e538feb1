using System.Diagnostics;
using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Baselines;
using CzSL.Reporting;
using CzSL.Pipeline.Transfer;
using CzSL.Training;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;
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
        ("czsl", "autoencoder encoder → pre-training on amateur labels of L ∪ A → fine-tuning on L (expert) ∪ A (transferred)"),
        ("amateur-only", "autoencoder encoder → amateur labels of L ∪ A only (the pre-trained network)"),
        ("cnn-expert", "the same CNN from scratch on the expert labels of the whole training fold"),
        ("lbfgs-cae", "ML.NET L-BFGS (logistic regression / maximum entropy) on the encoder's flattened code, expert labels of the training fold"),
        ("lightgbm-cae", "ML.NET LightGbm on the encoder's flattened code, expert labels of the training fold"),
        ("fastforest-cae", "ML.NET FastForest on the encoder's flattened code, expert labels of the training fold"),
        ("transfer-votes", "no image: the label transfer (fitted on L) applied to the test galaxies' vote fractions"),
        ("amateur-votes", "no image: the test galaxies' amateur labels"),
    ];

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
        var settings = options.Settings();
        var classes = ScenarioClasses.Of(scenario).Count;
        var config = settings.Network(classes);
        TorchRuntime.EnsureInitialised();
        _total = 1 + options.Folds.Count * (1 + 4 * options.Executions);

        Report("decoding images");
        var images = PaperImageSet.Load(table, imagesDirectory, labelsCsv, work, settings.ImageSize,
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
        var stages = new StageSettings(settings, scenario, epochProgress, cancellation);

        foreach (var k in options.Folds)
        {
            cancellation.ThrowIfCancellationRequested();
            var fold = PaperFold.Build(table, k, images.IndexOf);
            var sized = RunFold(fold, table, images, config, stages, meter, Path.Combine(work, $"fold{k}"), curves, cancellation);
            if (sized is not null) sizes.Add(sized);
        }
        if (_methods.Count == 0)
            throw new InvalidDataException("No method could be trained and scored on any fold: " + string.Join(" ", _notes));

        var result = new ComparisonResult
        {
            Title = $"CzSL paper protocol — {scenario}{(options.Variant is { } v ? " " + v : "")} on the paper's folds",
            Dataset = $"the CzSL paper's {table.Kind} table ({table.Records.Count:N0} galaxies; real Galaxy Zoo 1 votes, the paper's expert labels) " +
                      $"with real SDSS images for {images.Count:N0} of them; folds {string.Join(",", options.Folds)} × {options.Executions} executions, " +
                      $"preset {options.Preset}, epochs ×{options.EpochsScale:G3}, transfer {options.Transfer}; set sizes and missing images in reproduction.md",
            Scenarios =
            [
                new ScenarioResult
                {
                    Scenario = scenario,
                    Variant = options.Variant,
                    Methods = Methods.Where(m => _methods.ContainsKey(m.Name))
                        .Select(m => new MethodResult { Name = m.Name, IsCzsl = m.Name == "czsl", Repeats = _methods[m.Name] }).ToList(),
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

    private PaperFoldSizes? RunFold(PaperFold fold, PaperTable table, PaperImageSet images, NetworkConfig config, StageSettings stages,
        ThroughputMeter meter, string folder, List<(string, string)> curves, CancellationToken cancellation)
    {
        var k = fold.Fold;
        var scenario = options.Scenario;
        var classes = config.ClassCount;
        var store = images.Store;
        var test = fold.Test.Imaged;
        var training = fold.Training.Imaged;
        if (test.Count == 0 || training.Count < 2)
        {
            _notes.Add($"fold {k}: {training.Count} training and {test.Count} test galaxies have an image — too few to train and score; fold skipped.");
            Advance(1 + 4 * options.Executions, $"fold {k} skipped");
            return null;
        }
        Directory.CreateDirectory(folder);
        var testStores = test.Select(t => t.Store).ToArray();
        var testTruth = test.Select(t => PaperLabels.Expert(t.Record, scenario)).ToArray();

        // 1. Autoencoder on every image of the training fold (labels ignored), 70/30 in file order; one per fold.
        Report($"fold {k}: autoencoder on {training.Count:N0} images");
        var aeStores = training.Select(t => t.Store).ToArray();
        var (aeTrain, aeVal) = SplitInOrder(aeStores);
        var ae = AutoencoderStage.Train(store, aeTrain, aeVal, config, stages.Autoencoder(options.Seed + 100L * k, Path.Combine(folder, "autoencoder.curve.csv")));
        using var autoencoder = ae.Model;
        meter.Add(ThroughputMeter.Autoencoder, ae.Training, aeTrain.Length, aeVal.Length);
        if (curves.Count == 0) curves.Add(($"fold {k} autoencoder", Path.Combine(folder, "autoencoder.curve.csv")));
        var codes = AutoencoderStage.Encode(autoencoder, store, [.. aeStores, .. testStores]);
        var trainCodes = codes.Take(aeStores.Length).ToArray();
        var testCodes = codes.Skip(aeStores.Length).ToArray();
        Advance(1, $"fold {k}: autoencoder trained");

        // 2. Label transfer fitted on all of L (vote fractions → expert label), relabelling A.
        var labeller = TransferredLabeller.Fit(TransferMethods.Create(options.Transfer).Create((ulong)options.Seed), fold.L.Records, scenario, ThresholdRule.Prior);
        var transferred = labeller.Relabel(fold.A.Records).ToDictionary(t => t.Id, t => t.ClassIndex, StringComparer.Ordinal);
        var truthA = fold.A.Records.Select(r => PaperLabels.Expert(r, scenario)).ToArray();
        var amateurA = fold.A.Records.Select(r => PaperLabels.Amateur(table, r, scenario)).ToArray();
        double Main(ClassificationReport r) => scenario == Scenario.MG ? r.Binary?.GMean ?? double.NaN : r.Accuracy;
        var transferOnA = Main(labeller.Evaluate(fold.A.Records));
        var amateurOnA = Main(ClassificationMetrics.Compute(truthA, amateurA, classes));

        // Training sets (image subset, file order): L ∪ A with amateur labels; L expert ∪ A transferred; the whole fold with expert labels.
        var la = fold.L.Concat(fold.A, "L ∪ A").Imaged;
        var laStores = la.Select(x => x.Store).ToArray();
        var laAmateur = la.Select(x => PaperLabels.Amateur(table, x.Record, scenario)).ToArray();
        var lIds = fold.L.Records.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var laFine = la.Select(x => lIds.Contains(x.Record.Id) ? PaperLabels.Expert(x.Record, scenario) : transferred[x.Record.Id]).ToArray();
        var expertLabels = training.Select(t => PaperLabels.Expert(t.Record, scenario)).ToArray();

        // Image-free references on the same test galaxies (deterministic per fold; repeated per execution for pairing).
        var testRecords = test.Select(t => t.Record).ToList();
        var transferTest = labeller.Method.PredictProba(testRecords);
        var amateurTest = testRecords.Select(r => AmateurLabel.OneHot(PaperLabels.Amateur(table, r, scenario), classes).Target).ToArray();

        PaperFoldSizes? sizes = null;
        for (var e = 1; e <= options.Executions; e++)
        {
            cancellation.ThrowIfCancellationRequested();
            var seed = options.Seed + 1000L * k + 10L * e;
            var run = Path.Combine(folder, $"exec{e}");
            Directory.CreateDirectory(run);
            var pre = Prepare(laStores, laAmateur, (ulong)seed);
            var fine = Prepare(laStores, laFine, (ulong)seed + 1);
            var expert = Prepare(aeStores, expertLabels, (ulong)seed + 2);
            sizes ??= new PaperFoldSizes(k, fold.Training.Count, fold.L.Count, fold.A.Count, fold.U.Count, fold.Test.Count,
                pre?.Total ?? 0, fine?.Total ?? 0, expert?.Total ?? 0, transferOnA, amateurOnA);

            // 3. Pre-training on amateur labels (encoder from the autoencoder), then 4. fine-tuning.
            if (pre is null || fine is null)
            {
                _notes.Add($"fold {k} execution {e}: L ∪ A has {la.Count} galaxies with an image — too few for a 70/30 split; czsl and amateur-only skipped.");
                Advance(2, $"fold {k} execution {e}: CzSL skipped");
            }
            else
            {
                Report($"fold {k} execution {e}: pre-training on {pre.Total:N0} amateur labels");
                var preCurve = Path.Combine(run, "pre-training.curve.csv");
                var preResult = ClassifierStage.Train(store, pre.Train, ClassTargets.Hard(pre.TrainLabels, classes), pre.Validation,
                    ClassTargets.Hard(pre.ValidationLabels, classes), config, stages.Classifier(stages.Settings.AmateurEpochs, seed + 3, preCurve, false), autoencoder.Encoder);
                using var model = preResult.Model;
                meter.Add(ThroughputMeter.PreTraining, preResult.Training, pre.Train.Length, pre.Validation.Length);
                var preSeconds = preResult.Training.History.Sum(h => h.Seconds);
                Score("amateur-only", k, e, model, store, testStores, testTruth, preSeconds);
                Advance(1, $"fold {k} execution {e}: pre-trained");

                Report($"fold {k} execution {e}: fine-tuning on {fine.Total:N0} labels (L expert ∪ A transferred)");
                var fineCurve = Path.Combine(run, "fine-tuning.curve.csv");
                var fineResult = ClassifierStage.Continue(model, store, fine.Train, ClassTargets.Hard(fine.TrainLabels, classes), fine.Validation,
                    ClassTargets.Hard(fine.ValidationLabels, classes), stages.Classifier(stages.Settings.ExpertEpochs, seed + 4, fineCurve, true));
                meter.Add(ThroughputMeter.FineTuning, fineResult, fine.Train.Length, fine.Validation.Length);
                Score("czsl", k, e, model, store, testStores, testTruth, preSeconds + fineResult.History.Sum(h => h.Seconds));
                if (curves.Count == 1) curves.AddRange([($"fold {k} pre-training", preCurve), ($"fold {k} fine-tuning", fineCurve)]);
                Advance(1, $"fold {k} execution {e}: fine-tuned");
            }

            // Baseline: the same CNN from scratch on the expert labels of the whole training fold.
            if (expert is null) Advance(1, "");
            else
            {
                Report($"fold {k} execution {e}: CNN from scratch on {expert.Total:N0} expert labels");
                var expertResult = ClassifierStage.Train(store, expert.Train, ClassTargets.Hard(expert.TrainLabels, classes), expert.Validation,
                    ClassTargets.Hard(expert.ValidationLabels, classes), config,
                    stages.Classifier(stages.Settings.ExpertEpochs, seed + 5, Path.Combine(run, "expert-cnn.curve.csv"), false));
                using var scratch = expertResult.Model;
                meter.Add(ThroughputMeter.ExpertCnn, expertResult.Training, expert.Train.Length, expert.Validation.Length);
                Score("cnn-expert", k, e, scratch, store, testStores, testTruth, expertResult.Training.History.Sum(h => h.Seconds));
                Advance(1, $"fold {k} execution {e}: expert CNN trained");
            }

            // Baselines: ML.NET trainers on the encoder's flattened code.
            Report($"fold {k} execution {e}: ML.NET baselines on the autoencoder's code");
            Classical(k, e, (int)(seed % int.MaxValue), Order(expertLabels, (ulong)seed + 2).Select(i => (trainCodes[i], expertLabels[i])).ToList(), testCodes, testTruth, classes);
            Add("transfer-votes", k, e, testTruth, transferTest, labeller.Threshold ?? 0.5, 0, 0);
            Add("amateur-votes", k, e, testTruth, amateurTest, 0.5, 0, 0);
            Advance(1, $"fold {k} execution {e}: baselines done");
        }
        return sizes;
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

    private void Add(string method, int fold, int execution, int[] truth, IReadOnlyList<float[]> probabilities, double threshold, double trainSeconds, double scoreSeconds)
    {
        if (!_methods.TryGetValue(method, out var list)) _methods[method] = list = [];
        list.Add(new RepeatResult
        {
            Fold = fold,
            Execution = execution,
            Expert = ClassificationMetrics.Compute(truth, probabilities, ScenarioClasses.Of(options.Scenario).Count, threshold),
            TrainSeconds = trainSeconds,
            ScoreSeconds = scoreSeconds,
        });
    }

    /// <summary>A training set after resampling (MG), split 70/30 in order; null when the training part would be empty.</summary>
    private Prepared? Prepare(int[] stores, int[] labels, ulong seed)
    {
        var order = Order(labels, seed);
        var (train, validation) = PaperSplit.TrainValidation(order.Length);
        var t = order[train];
        var v = order[validation];
        return t.Length == 0 ? null : new Prepared(t.Select(i => stores[i]).ToArray(), t.Select(i => labels[i]).ToArray(),
            v.Select(i => stores[i]).ToArray(), v.Select(i => labels[i]).ToArray());
    }

    /// <summary>Row order of a training set: as it is, or ROS / RUS (seeded, shuffled).</summary>
    private int[] Order(int[] labels, ulong seed) => options.Sampling switch
    {
        PaperSampling.Ros => Resampling.RandomOverSample(labels, seed),
        PaperSampling.Rus => Resampling.RandomUnderSample(labels, seed),
        _ => Enumerable.Range(0, labels.Length).ToArray(),
    };

    private static (int[] Train, int[] Validation) SplitInOrder(int[] rows)
    {
        var (train, validation) = PaperSplit.TrainValidation(rows.Length);
        return (rows[train], rows[validation]);
    }

    private void Report(string status) => progress?.Report(new ExperimentProgress(_done, _total, status));

    private void Advance(double units, string status)
    {
        _done += units;
        Report(status);
    }

    private sealed record Prepared(int[] Train, int[] TrainLabels, int[] Validation, int[] ValidationLabels)
    {
        public int Total => Train.Length + Validation.Length;
    }

    /// <summary>Stage options of the preset; the paper preset keeps the final epoch's weights (Keras fit without callbacks).</summary>
    private sealed record StageSettings(ExperimentSettings Settings, Scenario Scenario, IProgress<EpochReport> Progress, CancellationToken Cancellation)
    {
        private bool Paper => Settings.Preset == "paper";

        public AutoencoderStageOptions Autoencoder(long seed, string curve)
        {
            var o = Settings.AutoencoderOptions(seed, curve);
            return o with { Training = Finish(o.Training) };
        }

        public ClassifierStageOptions Classifier(int epochs, long seed, string curve, bool fineTune)
        {
            var o = Settings.ClassifierOptions(Scenario, epochs, seed, curve, fineTune);
            return o with { Training = Finish(o.Training) };
        }

        private TrainingOptions Finish(TrainingOptions t) => t with
        {
            Progress = Progress,
            Cancellation = Cancellation,
            RestoreBest = !Paper && t.RestoreBest,
            MonitorMetric = !Paper && t.MonitorMetric,
        };
    }
}
