using System.Diagnostics;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Pipeline.Baselines;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Training;
using CzSL.Training.Loop;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Curve;

/// <summary>What a learning curve runs: the recipe, the scenarios, the expert-label counts, repeats and baselines.</summary>
public sealed record LearningCurveOptions
{
    /// <summary>How every CNN is trained.</summary>
    public required RecipeOptions Recipe { get; init; }
    /// <summary>Scenarios to run.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [Scenario.ES, Scenario.ERL, Scenario.MG];
    /// <summary>Expert-label counts of the curve (0: every training expert label, "all").</summary>
    public IReadOnlyList<int> Sizes { get; init; } = [10, 20, 50, 100, 200, 0];
    /// <summary>Repeats: each draws its own test galaxies, expert-label order and seeds.</summary>
    public int Repeats { get; init; } = 5;
    /// <summary>Share of the expert-labelled galaxies held out for testing in each repeat.</summary>
    public double TestFraction { get; init; } = 0.3;
    /// <summary>Master seed.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>Classical baselines trained on the same expert labels (the best one is reported).</summary>
    public IReadOnlyList<ClassicalTrainer> Baselines { get; init; } = [ClassicalTrainer.Lbfgs, ClassicalTrainer.LightGbm];
}

/// <summary>One measured point: a method's held-out metric with <paramref name="Labels"/> expert labels in one repeat.</summary>
/// <param name="Scenario">The task.</param>
/// <param name="Method">The method's name.</param>
/// <param name="Repeat">Repeat (0-based).</param>
/// <param name="RequestedSize">The curve's size (0: all).</param>
/// <param name="Labels">Expert labels actually used.</param>
/// <param name="Value">The scenario's main metric on the repeat's test galaxies.</param>
/// <param name="Seconds">Training time of this point.</param>
public sealed record CurvePoint(Scenario Scenario, string Method, int Repeat, int RequestedSize, int Labels, double Value, double Seconds);

/// <summary>
/// The learning curve of CzSL on real expert labels: per repeat, a stratified share of the expert-labelled galaxies is
/// held out (the same test galaxies for every method and size), the rest are put in a stratified order, and each method
/// learns from the first n of them for every n of the curve. Methods: CzSL, the expert-only CNN, CzSL without the
/// autoencoder, amateur-only (the autoencoder + amateur network, its outputs adjusted to the test set's class prior by
/// EM, Saerens et al. 2002) and classical ML.NET baselines on the same n expert labels.
/// </summary>
/// <remarks>
/// The autoencoder of a repeat learns from every image (test images included, unlabelled: the transductive setting of a
/// survey); amateur pre-training learns from the galaxies without an expert label and is shared by every n whose expert
/// prior agrees to the percent (<see cref="CzslRecipe"/>). The stratified order puts class c's i-th galaxy at rank
/// (i + ½)/n_c, so every prefix has the training pool's class balance to within a galaxy and the rare class appears early.
/// </remarks>
/// <param name="options">What to run.</param>
/// <param name="progress">Progress of the run.</param>
/// <param name="log">Messages (skipped scenarios).</param>
/// <param name="measured">Called with every point measured so far after each size, so a killed run leaves its points (e.g. written atomically).</param>
public sealed class LearningCurve(LearningCurveOptions options, IProgress<ExperimentProgress>? progress = null, Action<string>? log = null,
    Action<IReadOnlyList<CurvePoint>>? measured = null)
{
    /// <summary>The CNN methods of the curve, in report order.</summary>
    public static readonly CzslMethod[] CnnMethods = [CzslMethod.Czsl, CzslMethod.ExpertOnly, CzslMethod.NoAutoencoder];

    /// <summary>The name of the amateur-only method (prior-adjusted).</summary>
    public const string AmateurOnlyName = "amateur-only+prior";

    private int _done;
    private int _total;

    /// <summary>Runs the curve on <paramref name="manifest"/>'s images; work files (image cache, stages) go to <paramref name="workDir"/>.</summary>
    public IReadOnlyList<CurvePoint> Run(DatasetManifest manifest, string workDir, CancellationToken cancellation = default)
    {
        TorchRuntime.EnsureInitialised();
        var records = manifest.Records;
        var recipeOptions = options.Recipe;
        Report("decoding images");
        var store = ImageStore.LoadOrDecode(recipeOptions.Preprocessing.CachePath(workDir), manifest, recipeOptions.Preprocessing,
            new Progress<(int Done, int Total)>(p => Report($"decoding images {p.Done:N0}/{p.Total:N0}")), cancellation);
        var features = options.Baselines.Count > 0
            ? new Dictionary<string, float[][]> { ["cas"] = FeatureTables.Cas(manifest, store), ["pixels"] = FeatureTables.Pixels(manifest, 16) }
            : [];
        var baselines = new BaselineMethods(new BaselineSettings { Trainers = options.Baselines }, options.Seed);
        _total = options.Repeats * (1 + options.Scenarios.Count * options.Sizes.Count);

        var points = new List<CurvePoint>();
        for (var repeat = 0; repeat < options.Repeats; repeat++)
        {
            var folder = Path.Combine(workDir, $"repeat{repeat + 1}");
            var context = new RecipeContext
            {
                Store = store,
                Record = i => records[i],
                Validation = new StratifiedValidation(),
                Folder = folder,
                Progress = new Progress<EpochReport>(e => Report($"repeat {repeat + 1}: {e.Stage} epoch {e.Epoch}/{e.Epochs} · {e.Record.ImagesPerSecond:N0} img/s · ETA {e.Eta:mm\\:ss}")),
                Cancellation = cancellation,
                Note = message => log?.Invoke(message),
            };
            using var recipe = new CzslRecipe(recipeOptions, context, Enumerable.Range(0, records.Count).ToArray(), options.Seed, repeat);
            Report($"repeat {repeat + 1}: autoencoder on {records.Count:N0} images");
            recipe.Autoencoder();
            Advance($"repeat {repeat + 1}: autoencoder trained");
            foreach (var scenario in options.Scenarios)
            {
                cancellation.ThrowIfCancellationRequested();
                RunScenario(recipe, store, ExpertAndAmateur.Of(records, scenario, recipeOptions.AmateurPolicy), repeat, features, baselines, points, cancellation);
            }
        }
        return points;
    }

    private void RunScenario(CzslRecipe recipe, ImageStore store, ExpertAndAmateur sets, int repeat,
        IReadOnlyDictionary<string, float[][]> features, BaselineMethods baselines, List<CurvePoint> points, CancellationToken cancellation)
    {
        var scenario = sets.Scenario;
        var split = StratifiedSplit.Split(sets.Expert.Labels, (1 - options.TestFraction, 0, options.TestFraction), SplitSeed(repeat, scenario));
        if (split.Train.Length < 2 || split.Test.Length < 2 || sets.Amateur.Count < 2)
        {
            log?.Invoke($"{scenario}: skipped — {sets.Expert.Count} expert-labelled and {sets.Amateur.Count} amateur-labelled galaxies are too few for a learning curve.");
            for (var i = 0; i < options.Sizes.Count; i++) Advance($"{scenario} skipped");
            return;
        }
        var test = sets.Expert.Take(split.Test);
        var pool = sets.Expert.Take(split.Train);
        var order = StratifiedOrder(pool.Labels, SplitSeed(repeat, scenario) + 1);
        foreach (var size in options.Sizes)
        {
            cancellation.ThrowIfCancellationRequested();
            var n = size == 0 ? pool.Count : Math.Min(size, pool.Count);
            var expert = pool.Take(order.Take(n));
            var data = new RecipeData(scenario, expert, sets.Amateur) { Part = $"n{n}" };
            Report($"repeat {repeat + 1} {scenario}: {n} expert labels");
            foreach (var method in CnnMethods)
            {
                var clock = Stopwatch.StartNew();
                var result = recipe.Train(data, method);
                using var model = result.Model;
                var value = ExpertEvaluation.MainMetric(ExpertEvaluation.Score(model, store, expert, test, scenario), scenario);
                points.Add(new CurvePoint(scenario, method.Name(), repeat, size, n, value, clock.Elapsed.TotalSeconds));
            }
            points.AddRange(AmateurOnly(recipe, store, data, test, repeat, size));
            foreach (var (featureName, table) in features)
            foreach (var trainer in options.Baselines)
            {
                if (baselines.Train(featureName, table, trainer, "expert", expert, test.Indices, scenario, repeat) is not { } outcome) continue;
                var report = ClassificationMetrics.Compute(test.Labels, outcome.TestProbabilities, sets.ClassCount, outcome.Threshold ?? 0.5);
                points.Add(new CurvePoint(scenario, outcome.Method, repeat, size, n, ExpertEvaluation.MainMetric(report, scenario), outcome.TrainSeconds));
            }
            Advance($"repeat {repeat + 1} {scenario}: {n} expert labels done");
            measured?.Invoke(points);
        }
    }

    // The autoencoder + amateur network (no expert stage), adjusted from its training prior (uniform when the classes were
    // balanced, the expert prior it was weighted to, else the amateur labels') to the test galaxies' prior estimated by EM; MG's threshold maximises
    // G-mean on the n expert labels after the same adjustment.
    private IEnumerable<CurvePoint> AmateurOnly(CzslRecipe recipe, ImageStore store, RecipeData data, LabelledSet test, int repeat, int size)
    {
        var clock = Stopwatch.StartNew();
        var scenario = data.Scenario;
        using var model = recipe.Train(data, CzslMethod.AutoencoderAmateur).Model;
        var preset = recipe.Options.Preset;
        var trainingPrior = preset.BalanceFor(scenario) != ClassBalance.None ? Enumerable.Repeat(1.0 / data.ClassCount, data.ClassCount).ToArray()
            : preset.MatchExpertPrior ? ExpertPrior.Of(data.Expert, data.ClassCount)
            : ExpertPrior.Of(data.Amateur, data.ClassCount);
        var mirror = ScenarioClasses.MirrorClasses(scenario);
        var raw = ClassifierStage.Predict(model, store, test.Indices, mirrorClasses: mirror);
        var onExpert = scenario.IsRareBinary ? ClassifierStage.Predict(model, store, data.Expert.Indices) : null;
        var plain = ClassificationMetrics.Compute(test.Labels, raw, data.ClassCount, onExpert is null ? 0.5 : ExpertEvaluation.Threshold(onExpert, data.Expert.Labels));
        yield return new CurvePoint(scenario, CzslMethod.AutoencoderAmateur.Name(), repeat, size, data.Expert.Count, ExpertEvaluation.MainMetric(plain, scenario), clock.Elapsed.TotalSeconds);

        var estimate = PriorAdjustment.Estimate(raw, trainingPrior);
        var threshold = onExpert is null ? 0.5 : ExpertEvaluation.Threshold(
            onExpert.Select(p => PriorAdjustment.Adjust(p, trainingPrior, estimate.Prior).Select(v => (float)v).ToArray()).ToList(), data.Expert.Labels);
        var adjusted = ClassificationMetrics.Compute(test.Labels, estimate.Probabilities, data.ClassCount, threshold);
        yield return new CurvePoint(scenario, AmateurOnlyName, repeat, size, data.Expert.Count, ExpertEvaluation.MainMetric(adjusted, scenario), 0);
    }

    private ulong SplitSeed(int repeat, Scenario scenario) => (ulong)(options.Seed * 1_000_003L + 1_000 * repeat + 10 * scenario.SeedSlot);

    /// <summary>
    /// A seeded order of rows 0..n−1 whose every prefix is stratified: class c's i-th row (shuffled) ranks at
    /// (i + ½)/n_c; ties break by class index.
    /// </summary>
    public static int[] StratifiedOrder(IReadOnlyList<int> labels, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var ranked = new List<(double Rank, int Class, int Row)>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var rows = group.ToArray();
            rng.Shuffle<int>(rows);
            for (var i = 0; i < rows.Length; i++) ranked.Add(((i + 0.5) / rows.Length, group.Key, rows[i]));
        }
        return ranked.OrderBy(r => r.Rank).ThenBy(r => r.Class).Select(r => r.Row).ToArray();
    }

    private void Report(string status) => progress?.Report(new ExperimentProgress(_done, Math.Max(_total, 1), status));

    private void Advance(string status)
    {
        _done++;
        Report(status);
    }
}
