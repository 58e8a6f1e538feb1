using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Models;
using CzSL.Data;
using CzSL.Pipeline.Export;
using CzSL.Pipeline.Recipe;
using CzSL.Reporting.Plots;
using CzSL.Reporting;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training;

namespace CzSL.Pipeline.Comparison;

/// <summary>What a comparison run produced.</summary>
public sealed record ComparisonOutput(
    ComparisonResult Result,
    ReportOutput Report,
    IReadOnlyList<ExportedModel> Models,
    IReadOnlyList<ChainCheckResult> ChainChecks,
    string OutputFolder);

/// <summary>
/// Runs CzSL, its ablations, the classical ML.NET baselines and the vote-only references on every scenario and split,
/// exports the first repeat's CzSL models to ONNX (with cards), checks the ML.NET chain against TorchSharp on the test
/// set, and writes the report (report.md, report.json, report.html, figures).
/// </summary>
public sealed class ComparisonRunner(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null, Action<string>? log = null)
{
    /// <summary>Progress units of each step (the total is computed from the same numbers).</summary>
    private const double DecodeUnits = 1, FeatureUnits = 1, AutoencoderUnits = 1, EncoderFeatureUnits = 1, BaselineUnits = 2;

    private static readonly double CnnUnits = CzslMethods.All.Count;

    private double _done;
    private double _total;

    /// <summary>Runs the comparison of <paramref name="manifest"/> over <paramref name="splits"/> into <paramref name="outDir"/>.</summary>
    /// <param name="manifest">The dataset.</param>
    /// <param name="splits">One split per repeat.</param>
    /// <param name="outDir">Report folder (work files go to its <c>work/</c> subfolder).</param>
    /// <param name="modelsDir">Where the exported CzSL models and cards go (null: <c>outDir/models</c>).</param>
    /// <param name="datasetDescription">One line naming the data (shown in the report).</param>
    /// <param name="cancellation">Stops between training steps.</param>
    public ComparisonOutput Run(DatasetManifest manifest, IReadOnlyList<ExperimentSplit> splits, string outDir, string? modelsDir,
        string datasetDescription, CancellationToken cancellation = default)
    {
        outDir = Path.GetFullPath(outDir);
        var work = Path.Combine(outDir, "work");
        Directory.CreateDirectory(work);
        TorchRuntime.EnsureInitialised();
        var baselines = settings.Baselines.Trainers.Count > 0;
        _total = DecodeUnits + (baselines ? FeatureUnits : 0) +
                 splits.Count * (AutoencoderUnits + EncoderFeatureUnits + settings.Scenarios.Count * (CnnUnits + (baselines ? BaselineUnits : 0)));

        Report("decoding images");
        var preprocessing = settings.Recipe.Preprocessing;
        var store = ImageStore.LoadOrDecode(preprocessing.CachePath(work), manifest, preprocessing,
            new Progress<(int Done, int Total)>(p => Report($"decoding images {p.Done:N0}/{p.Total:N0}")), cancellation);
        Advance(DecodeUnits, "images decoded");
        var run = new RunState(manifest, store, work, Path.GetFullPath(modelsDir ?? Path.Combine(outDir, "models")), datasetDescription, cancellation);
        if (baselines)
        {
            run.FixedFeatures["pixels"] = FeatureTables.Pixels(manifest, settings.Baselines.PixelSize);
            run.FixedFeatures["cas"] = FeatureTables.Cas(manifest, store);
            Advance(FeatureUnits, "baseline features computed");
        }

        foreach (var split in splits)
        {
            cancellation.ThrowIfCancellationRequested();
            RunRepeat(run, split, splits.Count);
        }

        var result = Result(run.Outcomes, datasetDescription);
        var assets = new ReportAssets
        {
            TrainingCurves = Directory.EnumerateFiles(RepeatFolder(work, 0), RecipeContext.CurveFile, SearchOption.AllDirectories)
                .Order().Select(p => (Path.GetFileName(Path.GetDirectoryName(p)!), p)).ToList(),
            ExampleGrids = ExampleGrids(manifest, run.Outcomes, splits.Count > 0 ? splits[0] : null),
        };
        var written = ReportWriter.Write(result, outDir, assets);
        Advance(0, "report written");
        return new ComparisonOutput(result, written, run.Models, run.Checks, outDir);
    }

    /// <summary>What one comparison run accumulates.</summary>
    private sealed record RunState(DatasetManifest Manifest, ImageStore Store, string Work, string ModelsDir, string Dataset, CancellationToken Cancellation)
    {
        public Dictionary<string, float[][]> FixedFeatures { get; } = [];
        public Dictionary<Scenario, List<(int Repeat, ScenarioData Data, MethodOutcome Outcome)>> Outcomes { get; } = [];
        public List<ExportedModel> Models { get; } = [];
        public List<ChainCheckResult> Checks { get; } = [];
    }

    /// <summary>One repeat: its recipe (autoencoder shared by the scenarios), the encoder's features, then every scenario.</summary>
    private void RunRepeat(RunState run, ExperimentSplit split, int repeats)
    {
        var r = split.Repeat;
        var records = run.Manifest.Records;
        using var recipe = new CzslRecipe(settings.Recipe, new RecipeContext
        {
            Store = run.Store,
            Record = i => records[i],
            Validation = new StratifiedValidation(),
            Folder = RepeatFolder(run.Work, r),
            Progress = new Progress<EpochReport>(e => Report(
                $"{e.Stage} epoch {e.Epoch}/{e.Epochs} loss {e.Record.TrainLoss:F4}" +
                (e.Record.ValMetric is { } m ? $" val {m:F3}" : "") + $" · {e.Record.ImagesPerSecond:N0} img/s · ETA {e.Eta:mm\\:ss}")),
            Cancellation = run.Cancellation,
            Note = Log,
        }, split.Pool, settings.Seed, r);
        Report($"repeat {r + 1}/{repeats}: autoencoder on {split.Pool.Length:N0} images");
        var autoencoder = recipe.Autoencoder().Model;
        Advance(AutoencoderUnits, $"repeat {r + 1}: autoencoder trained");

        var features = new Dictionary<string, float[][]>(run.FixedFeatures);
        if (settings.Baselines.Trainers.Count > 0)
        {
            var encoder = ModelPackage.ExportEncoder(autoencoder, RepeatFolder(run.Work, r), "encoder",
                new Dictionary<string, long> { ["images"] = split.Pool.Length });
            features["encoder"] = FeatureTables.Learned(run.Manifest, encoder.CardPath);
            if (r == 0) run.Models.Add(encoder);
        }
        Advance(EncoderFeatureUnits, $"repeat {r + 1}: encoder features");

        foreach (var scenario in settings.Scenarios)
        {
            run.Cancellation.ThrowIfCancellationRequested();
            RunScenario(run, recipe, split, scenario, features);
        }
    }

    /// <summary>CzSL and its ablations, the vote references and the baselines of one scenario in one repeat.</summary>
    private void RunScenario(RunState run, CzslRecipe recipe, ExperimentSplit split, Scenario scenario, IReadOnlyDictionary<string, float[][]> features)
    {
        var r = split.Repeat;
        var policy = settings.Recipe.AmateurPolicy;
        var data = ScenarioData.Build(run.Manifest.Records, split, scenario, policy);
        Log($"repeat {r + 1} {scenario}: L = {data.Expert.Count:N0} expert, A = {data.Amateur.Count:N0} amateur " +
            $"({data.AmateurUnlabelled:N0} left unlabelled by the {policy.Name} policy), test = {data.Test.Count:N0}");
        if (data.Test.Count == 0 || data.Expert.Count + data.Amateur.Count == 0)
        {
            var (column, present) = run.Manifest.ExpertColumn(scenario);
            Log($"repeat {r + 1} {scenario}: skipped — " + (data.Test.Count == 0
                ? $"no {scenario} expert labels to test on: the manifest column '{column}' is {(present ? "empty for every test galaxy" : "missing")}"
                : $"no {scenario} labels to train on: neither expert ('{column}') nor amateur labels") + " (manifest columns: see docs/data.md)");
            Advance(CnnUnits + (settings.Baselines.Trainers.Count > 0 ? BaselineUnits : 0), $"repeat {r + 1} {scenario}: skipped");
            return;
        }
        var list = run.Outcomes.TryGetValue(scenario, out var l) ? l : run.Outcomes[scenario] = [];

        Report($"repeat {r + 1} {scenario}: CzSL and ablations");
        var (cnnOutcomes, czsl) = new CnnMethods(recipe, run.Store, Log).Run(data);
        using (czsl)
        {
            list.AddRange(cnnOutcomes.Select(o => (r, data, o)));
            Advance(CnnUnits, $"repeat {r + 1} {scenario}: CNNs trained");
            list.AddRange(new VoteMethods(run.Manifest.Records, policy).Run(data, () => recipe.Transfer(data.ForRecipe()).Labeller).Select(o => (r, data, o)));
            if (r == 0 && czsl is not null) Export(run, czsl, data, cnnOutcomes.Single(o => o.IsCzsl), split);
        }
        if (settings.Baselines.Trainers.Count > 0)
        {
            Report($"repeat {r + 1} {scenario}: classical baselines");
            list.AddRange(new BaselineMethods(settings.Baselines, settings.Seed).Run(data, r, features).Select(o => (r, data, o)));
            Advance(BaselineUnits, $"repeat {r + 1} {scenario}: baselines done");
        }
    }

    /// <summary>Exports the first repeat's CzSL network (ONNX + card) and checks the ML.NET chain against TorchSharp on the test set.</summary>
    private void Export(RunState run, CzslClassifier czsl, ScenarioData data, MethodOutcome outcome, ExperimentSplit split)
    {
        var scenario = data.Scenario;
        var report = Metrics(data, outcome, truth: false);
        var exported = ModelPackage.ExportClassifier(czsl, run.ModelsDir, $"czsl-{scenario.Name()}", scenario,
            new Dictionary<string, long>
            {
                ["expert_labelled"] = data.Expert.Count, ["amateur_labelled"] = data.Amateur.Count,
                ["unlabelled_images"] = split.Pool.Length, ["test"] = data.Test.Count,
            },
            new Dictionary<string, double> { ["test_accuracy"] = report.Accuracy, ["test_macro_f1"] = report.MacroF1 },
            about: new ModelAbout
            {
                TrainedOn = $"{run.Dataset}. The first repeat's split: {data.Expert.Count:N0} expert labels (L), {data.Amateur.Count:N0} amateur " +
                            $"labels, {split.Pool.Length:N0} unlabelled images; images {settings.Recipe.Preprocessing}, preset {settings.Recipe.Preset.Name}.",
                IntendedUse = "A comparison artefact of czsl compare / demo: it proves the ONNX + ML.NET route for the method on the data above. " +
                              "Not a model to use on survey images: czsl release trains and cross-validates those.",
                Limitations = ["Trained on one repeat's split of a comparison, not on every expert label.",
                               "Only as good as the data above: a model trained on simulated galaxies fails on real survey images."],
                Evaluation = $"Metrics on the first repeat's {data.Test.Count:N0} held-out expert-labelled test galaxies.",
                Citation = ModelAbout.CzslCitation,
            });
        run.Models.Add(exported);
        var check = ChainCheck.Run(exported.CardPath, run.Manifest, data.Test.Indices, data.Test.Labels, outcome.TestProbabilities);
        run.Checks.Add(check);
        check.EnsureAgrees(exported.CardPath);
        Log($"{scenario}: exported {exported.CardPath} (ONNX parity {exported.Parity.MaxAbsDifference:E1}); ML.NET chain " +
            $"accuracy {check.MlNetAccuracy:F4} vs TorchSharp {check.TorchAccuracy:F4}, max |Δp| {check.MaxProbabilityDifference:E1}, " +
            $"{check.LabelDisagreements} labels differ");
    }

    /// <summary>The report's result: per scenario, the image models ranked together and the vote references as a separate table.</summary>
    private ComparisonResult Result(Dictionary<Scenario, List<(int Repeat, ScenarioData Data, MethodOutcome Outcome)>> outcomes, string dataset) => new()
    {
        Title = "CzSL vs ablations vs classical ML.NET baselines",
        Dataset = dataset,
        Scenarios = settings.Scenarios.SelectMany(s => new[] { (Scenario: s, Images: true), (Scenario: s, Images: false) })
            .Where(v => outcomes.ContainsKey(v.Scenario) && outcomes[v.Scenario].Any(x => (x.Outcome.Family != MethodFamily.Votes) == v.Images))
            .Select(v => new ScenarioResult
            {
                Scenario = v.Scenario,
                Variant = v.Images ? null : "vote-labels",
                Methods = outcomes[v.Scenario].Where(x => (x.Outcome.Family != MethodFamily.Votes) == v.Images).GroupBy(x => x.Outcome.Method)
                    .Select(g => new MethodResult
                    {
                        Name = g.Key,
                        IsCzsl = g.Any(x => x.Outcome.IsCzsl),
                        Repeats = g.Select(x => new RepeatResult
                        {
                            Fold = x.Repeat + 1,
                            Expert = Metrics(x.Data, x.Outcome, truth: false),
                            Truth = x.Data.TestTruth.All(t => t is not null) && x.Data.TestTruth.Length > 0 ? Metrics(x.Data, x.Outcome, truth: true) : null,
                            Predictions = new TestPredictions(x.Data.Test.Labels, x.Outcome.TestProbabilities),
                            Calibration = x.Outcome.Calibration,
                            TrainSeconds = x.Outcome.TrainSeconds,
                            ScoreSeconds = x.Outcome.ScoreSeconds,
                        }).ToList(),
                    }).ToList(),
            }).ToList(),
    };

    private static string RepeatFolder(string work, int repeat) => Path.Combine(work, $"r{repeat}");

    private static ClassificationReport Metrics(ScenarioData data, MethodOutcome outcome, bool truth)
    {
        var labels = truth ? data.TestTruth.Select(t => t!.Value).ToArray() : data.Test.Labels;
        return outcome.Decisions is { } decided
            ? ClassificationMetrics.Compute(labels, decided, outcome.TestProbabilities, data.ClassCount)
            : ClassificationMetrics.Compute(labels, outcome.TestProbabilities, data.ClassCount, outcome.Threshold ?? 0.5);
    }

    /// <summary>Galaxies per example grid.</summary>
    private const int GridExamples = 6;

    /// <summary>Per scenario, CzSL's most confidently wrong and most uncertain test galaxies of the first repeat, with truth / amateur / expert labels.</summary>
    private IReadOnlyList<(string Title, IReadOnlyList<ExampleGalaxy> Examples)> ExampleGrids(DatasetManifest manifest,
        Dictionary<Scenario, List<(int Repeat, ScenarioData Data, MethodOutcome Outcome)>> outcomes, ExperimentSplit? first)
    {
        if (first is null) return [];
        var grids = new List<(string, IReadOnlyList<ExampleGalaxy>)>();
        foreach (var (scenario, list) in outcomes)
        {
            var czsl = list.FirstOrDefault(x => x.Repeat == first.Repeat && x.Outcome.IsCzsl);
            if (czsl.Outcome is null) continue;
            var names = ScenarioClasses.Of(scenario);
            var probabilities = czsl.Outcome.TestProbabilities;
            var predicted = czsl.Outcome.Decisions ?? probabilities
                .Select(p => czsl.Outcome.Threshold is { } t ? (p[1] >= t ? 1 : 0) : ClassificationMetrics.ArgMax(p)).ToArray();
            ExampleGalaxy Galaxy(int k)
            {
                var r = manifest.Records[czsl.Data.Test.Indices[k]];
                var amateur = settings.Recipe.AmateurPolicy.Label(r, scenario);
                return new ExampleGalaxy(manifest.ImagePath(r), r.Id, r.Truth(scenario), amateur is null ? "?" : names[amateur.ClassIndex],
                    r.Expert(scenario), names[predicted[k]], probabilities[k][predicted[k]]);
            }
            var wrong = ExampleSelection.ConfidentlyWrong(czsl.Data.Test.Labels, predicted, probabilities, GridExamples);
            if (wrong.Count > 0)
                grids.Add(($"{scenario}: CzSL's most confidently wrong test galaxies (probability of the predicted class)", wrong.Select(Galaxy).ToList()));
            grids.Add(($"{scenario}: CzSL's most uncertain test galaxies (lowest top-class probability)",
                ExampleSelection.MostUncertain(probabilities, GridExamples).Select(Galaxy).ToList()));
        }
        return grids;
    }

    private void Report(string status) => progress?.Report(new ExperimentProgress(_done, _total, status));

    private void Advance(double units, string status)
    {
        _done += units;
        Report(status);
    }

    private void Log(string message) => log?.Invoke(message);
}
