using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Export;
using CzSL.Pipeline.Recipe;
using CzSL.Reporting.Plots;
using CzSL.Reporting;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;
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
        modelsDir = Path.GetFullPath(modelsDir ?? Path.Combine(outDir, "models"));
        var work = Path.Combine(outDir, "work");
        Directory.CreateDirectory(work);
        var records = manifest.Records;
        TorchRuntime.EnsureInitialised();

        var baselines = settings.Baselines.Trainers.Count > 0;
        var recipeOptions = settings.Recipe;
        _total = 1 + (baselines ? 1 : 0) + splits.Count * (2 + settings.Scenarios.Count * (CzslMethods.All.Count + (baselines ? 2 : 0)));
        Report("decoding images");
        var store = ImageStore.LoadOrDecode(Path.Combine(work, $"images-{recipeOptions.ImageSize}.bin"), manifest, recipeOptions.ImageSize,
            new Progress<(int Done, int Total)>(p => Report($"decoding images {p.Done:N0}/{p.Total:N0}", 0)), cancellation);
        Advance(1, "images decoded");

        var fixedFeatures = new Dictionary<string, float[][]>();
        if (baselines)
        {
            fixedFeatures["pixels"] = FeatureTables.Pixels(manifest, settings.Baselines.PixelSize);
            fixedFeatures["cas"] = FeatureTables.Cas(manifest, store);
            Advance(1, "baseline features computed");
        }

        var outcomes = new Dictionary<Scenario, List<(int Repeat, ScenarioData Data, MethodOutcome Outcome)>>();
        var models = new List<ExportedModel>();
        var checks = new List<ChainCheckResult>();
        var epochProgress = new Progress<EpochReport>(e => Report(
            $"{e.Stage} epoch {e.Epoch}/{e.Epochs} loss {e.Record.TrainLoss:F4}" +
            (e.Record.ValMetric is { } m ? $" val {m:F3}" : "") + $" · {e.Record.ImagesPerSecond:N0} img/s · ETA {e.Eta:mm\\:ss}", 0));

        foreach (var split in splits)
        {
            cancellation.ThrowIfCancellationRequested();
            var r = split.Repeat;
            using var recipe = new CzslRecipe(recipeOptions, new RecipeContext
            {
                Store = store,
                Record = i => records[i],
                Validation = new StratifiedValidation(),
                Folder = RepeatFolder(work, r),
                Progress = epochProgress,
                Cancellation = cancellation,
            }, split.Pool, settings.Seed, r);
            Report($"repeat {r + 1}/{splits.Count}: autoencoder on {split.Pool.Length:N0} images");
            var autoencoder = recipe.Autoencoder().Model;
            Advance(1, $"repeat {r + 1}: autoencoder trained");

            var features = new Dictionary<string, float[][]>(fixedFeatures);
            if (baselines)
            {
                var encoder = ModelPackage.ExportEncoder(autoencoder, RepeatFolder(work, r), "encoder",
                    new Dictionary<string, long> { ["images"] = split.Pool.Length });
                features["encoder"] = FeatureTables.Learned(manifest, encoder.CardPath);
                if (r == 0) models.Add(encoder);
            }
            Advance(1, $"repeat {r + 1}: encoder features");

            var cnn = new CnnMethods(recipe, store);
            foreach (var scenario in settings.Scenarios)
            {
                cancellation.ThrowIfCancellationRequested();
                var data = ScenarioData.Build(records, split, scenario, recipeOptions.AmateurPolicy);
                Log($"repeat {r + 1} {scenario}: L = {data.Expert.Count:N0} expert, A = {data.Amateur.Count:N0} amateur " +
                    $"({data.AmateurUnlabelled:N0} left unlabelled by the {recipeOptions.AmateurPolicy.Name} policy), test = {data.Test.Count:N0}");
                var list = outcomes.TryGetValue(scenario, out var l) ? l : outcomes[scenario] = [];

                Report($"repeat {r + 1} {scenario}: CzSL and ablations");
                var (cnnOutcomes, czsl) = cnn.Run(data);
                using (czsl)
                {
                    list.AddRange(cnnOutcomes.Select(o => (r, data, o)));
                    Advance(CzslMethods.All.Count, $"repeat {r + 1} {scenario}: CNNs trained");
                    list.AddRange(new VoteMethods(records, recipeOptions.AmateurPolicy).Run(data, () => recipe.Transfer(data.ForRecipe()).Labeller)
                        .Select(o => (r, data, o)));
                    if (r == 0)
                    {
                        var czslOutcome = cnnOutcomes.Single(o => o.IsCzsl);
                        var report = Metrics(data, czslOutcome, truth: false);
                        var exported = ModelPackage.ExportClassifier(czsl, modelsDir, $"czsl-{scenario.Name()}", scenario,
                            new Dictionary<string, long>
                            {
                                ["expert_labelled"] = data.Expert.Count, ["amateur_labelled"] = data.Amateur.Count,
                                ["unlabelled_images"] = split.Pool.Length, ["test"] = data.Test.Count,
                            },
                            new Dictionary<string, double> { ["test_accuracy"] = report.Accuracy, ["test_macro_f1"] = report.MacroF1 });
                        models.Add(exported);
                        var check = ChainCheck.Run(exported.CardPath, manifest, data.Test.Indices, data.Test.Labels, czslOutcome.TestProbabilities);
                        checks.Add(check);
                        Log($"{scenario}: exported {exported.CardPath} (ONNX parity {exported.Parity.MaxAbsDifference:E1}); ML.NET chain " +
                            $"accuracy {check.MlNetAccuracy:F4} vs TorchSharp {check.TorchAccuracy:F4}, max |Δp| {check.MaxProbabilityDifference:E1}");
                    }
                }
                if (baselines)
                {
                    Report($"repeat {r + 1} {scenario}: classical baselines");
                    list.AddRange(new BaselineMethods(settings.Baselines, settings.Seed).Run(data, r, features).Select(o => (r, data, o)));
                    Advance(2, $"repeat {r + 1} {scenario}: baselines done");
                }
            }
        }

        var result = new ComparisonResult
        {
            Title = "CzSL vs ablations vs classical ML.NET baselines",
            Dataset = datasetDescription,
            Scenarios = settings.Scenarios.SelectMany(s => new[] { (s, Images: true), (s, Images: false) })
                .Where(v => outcomes[v.s].Any(x => (x.Outcome.Family != MethodFamily.Votes) == v.Images))
                .Select(v => new ScenarioResult
            {
                Scenario = v.s,
                // Image models are ranked together; the labels read from the test galaxies' own votes are a separate table.
                Variant = v.Images ? null : "vote-labels",
                Methods = outcomes[v.s].Where(x => (x.Outcome.Family != MethodFamily.Votes) == v.Images).GroupBy(x => x.Outcome.Method).Select(g => new MethodResult
                {
                    Name = g.Key,
                    IsCzsl = g.Any(x => x.Outcome.IsCzsl),
                    Repeats = g.Select(x => new RepeatResult
                    {
                        Fold = x.Repeat + 1,
                        Expert = Metrics(x.Data, x.Outcome, truth: false),
                        Truth = x.Data.TestTruth.All(t => t is not null) && x.Data.TestTruth.Length > 0 ? Metrics(x.Data, x.Outcome, truth: true) : null,
                        TrainSeconds = x.Outcome.TrainSeconds,
                        ScoreSeconds = x.Outcome.ScoreSeconds,
                    }).ToList(),
                }).ToList(),
            }).ToList(),
        };
        var assets = new ReportAssets
        {
            TrainingCurves = Directory.EnumerateFiles(RepeatFolder(work, 0), RecipeContext.CurveFile, SearchOption.AllDirectories)
                .Order().Select(p => (Path.GetFileName(Path.GetDirectoryName(p)!), p)).ToList(),
            ExampleGrids = ExampleGrids(manifest, outcomes, splits.Count > 0 ? splits[0] : null),
        };
        var written = ReportWriter.Write(result, outDir, assets);
        Advance(0, "report written");
        return new ComparisonOutput(result, written, models, checks, outDir);
    }

    private static string RepeatFolder(string work, int repeat) => Path.Combine(work, $"r{repeat}");

    private static ClassificationReport Metrics(ScenarioData data, MethodOutcome outcome, bool truth)
    {
        var labels = truth ? data.TestTruth.Select(t => t!.Value).ToArray() : data.Test.Labels;
        return ClassificationMetrics.Compute(labels, outcome.TestProbabilities, data.ClassCount, outcome.Threshold ?? 0.5);
    }

    /// <summary>A grid of test galaxies per scenario with truth / amateur / expert / CzSL labels (first repeat).</summary>
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
            var examples = czsl.Data.Test.Indices.Take(12).Select((i, k) =>
            {
                var r = manifest.Records[i];
                var amateur = settings.Recipe.AmateurPolicy.Label(r, scenario);
                var p = czsl.Outcome.TestProbabilities[k];
                var predicted = czsl.Outcome.Threshold is { } t ? (p[1] >= t ? 1 : 0) : ClassificationMetrics.ArgMax(p);
                return new ExampleGalaxy(manifest.ImagePath(r), r.Id, r.Truth(scenario), amateur is null ? "?" : names[amateur.ClassIndex],
                    r.Expert(scenario), names[predicted]);
            }).ToList();
            grids.Add(($"{scenario}: test galaxies (truth / amateur / expert / CzSL)", examples));
        }
        return grids;
    }

    private void Report(string status, double advance = 0)
    {
        _done += advance;
        progress?.Report(new ExperimentProgress(_done, _total, status));
    }

    private void Advance(double units, string status) => Report(status, units);

    private void Log(string message) => log?.Invoke(message);
}
