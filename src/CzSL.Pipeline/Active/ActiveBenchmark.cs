using System.Diagnostics;
using System.Globalization;
using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Active;

/// <summary>Options of <see cref="ActiveBenchmark.Run"/>.</summary>
public sealed record ActiveBenchmarkOptions
{
    /// <summary>Scenarios to run.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [Scenario.ES, Scenario.ERL, Scenario.MG];
    /// <summary>Test folds to run (default all folds present in the records).</summary>
    public IReadOnlyList<int>? Folds { get; init; }
    /// <summary>Expert budgets as fractions of the pool (the training fold).</summary>
    public IReadOnlyList<double> Budgets { get; init; } = [0.0025, 0.005, 0.01, 0.02, 0.05];
    /// <summary>Strategies to compare (the paper's tables have no images: only <see cref="ActiveStrategies.WithoutImages"/>).</summary>
    public IReadOnlyList<ActiveStrategy> Strategies { get; init; } = ActiveStrategies.WithoutImages;
    /// <summary>Seeds of <see cref="ActiveStrategy.Random"/>.</summary>
    public int RandomSeeds { get; init; } = 5;
    /// <summary>Seeds of the model-based strategies (their first batch is random).</summary>
    public int ModelSeeds { get; init; } = 1;
    /// <summary>The transfer model scored at every budget (and used by the selector).</summary>
    public TransferMethod Method { get; init; } = new(TransferKind.LbfgsMaxEnt);
    /// <summary>How the MG threshold is chosen on the picked (training) galaxies.</summary>
    public ThresholdRule MgThreshold { get; init; } = ThresholdRule.Prior;
    /// <summary>Base seed.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Selector settings (committee members, candidate limits); its model is replaced by <see cref="Method"/>.</summary>
    public ActiveSelectorOptions Selector { get; init; } = new();
}

/// <summary>One strategy's transfer score on one test fold at one budget, with the galaxies it picked.</summary>
/// <param name="Scenario">Scenario.</param>
/// <param name="Strategy">Strategy.</param>
/// <param name="Fold">Test fold.</param>
/// <param name="Seed">Seed of the run.</param>
/// <param name="Budget">Budget as a fraction of the pool.</param>
/// <param name="PickedIds">The expert-labelled galaxies (ids, in pick order).</param>
/// <param name="Accuracy">Transfer accuracy on the test fold.</param>
/// <param name="GMean">MG: G-mean on the test fold (threshold chosen on the picked galaxies).</param>
/// <param name="ScoreAuc">MG: ROC AUC of p(merger) on the test fold.</param>
/// <param name="Fitted">False when the picks missed a class: the transfer could not be fitted and the score is that of predicting the picks' majority class.</param>
public sealed record ActiveScore(Scenario Scenario, ActiveStrategy Strategy, int Fold, ulong Seed, double Budget,
    IReadOnlyList<string> PickedIds, double Accuracy, double? GMean, double? ScoreAuc, bool Fitted);

/// <summary>
/// Active learning for the label transfer on the paper's tables: for each scenario and test fold, the training fold
/// is the pool; each strategy picks the galaxies whose expert labels the transfer model learns from (the model-based
/// ones in batches of half the labels so far, with a refit after each, from a random first batch), and the model is
/// scored on the test fold at every budget. Picks at a smaller budget are the first picks of the larger one.
/// </summary>
public static class ActiveBenchmark
{
    /// <summary>Runs the benchmark on the paper's ESRL (<paramref name="esrl"/>) and MG (<paramref name="mg"/>) tables.</summary>
    public static ActiveBenchmarkResult Run(IReadOnlyList<GalaxyRecord> esrl, IReadOnlyList<GalaxyRecord> mg,
        ActiveBenchmarkOptions? options = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(esrl);
        ArgumentNullException.ThrowIfNull(mg);
        options ??= new ActiveBenchmarkOptions();
        var withImages = options.Strategies.Where(s => s.NeedsImages()).Select(s => s.Name()).ToArray();
        if (withImages.Length > 0)
            throw new ArgumentException($"Strategies {string.Join(", ", withImages)} score images; the benchmark runs on the paper's tables, which have none.", nameof(options));
        var clock = Stopwatch.StartNew();
        var scores = new List<ActiveScore>();
        foreach (var scenario in options.Scenarios)
        {
            var records = (scenario == Scenario.MG ? mg : esrl).Where(r => r.Expert(scenario) is not null).ToArray();
            foreach (var r in records)
                if (r.Fold is null || r.Order is null)
                    throw new ArgumentException($"Galaxy {r.Id} has no fold or order: the benchmark needs the paper's folds.");
            var folds = options.Folds ?? records.Select(r => r.Fold!.Value).Distinct().Order().ToArray();
            var selector = new ActiveSelector(scenario, options.Selector with { Method = options.Method });
            foreach (var fold in folds)
            {
                var pool = records.Where(r => r.Fold != fold).OrderBy(r => r.Fold).ThenBy(r => r.Order).ToArray();
                var test = records.Where(r => r.Fold == fold).OrderBy(r => r.Order).ToArray();
                var counts = options.Budgets.Select(b => BudgetCount(b, pool.Length)).ToArray();
                foreach (var strategy in options.Strategies)
                    foreach (var seed in Seeds(strategy, options))
                    {
                        var picks = Trajectory(selector, pool, strategy, counts, seed);
                        for (var b = 0; b < counts.Length; b++)
                        {
                            var labelled = picks.Take(counts[b]).Select(i => pool[i]).ToArray();
                            scores.Add(Score(scenario, strategy, fold, seed, options.Budgets[b], labelled, test, options));
                        }
                        progress?.Report(string.Create(CultureInfo.InvariantCulture,
                            $"{scenario} fold {fold} {strategy.Name()} seed {seed}: {scores[^1].Accuracy:P2} at {options.Budgets[^1]:P2} ({clock.Elapsed.TotalSeconds:F0} s)"));
                    }
            }
        }
        return new ActiveBenchmarkResult(scores, clock.Elapsed);
    }

    /// <summary>Number of expert labels of a budget: <paramref name="fraction"/> of the pool rounded down as <see cref="Paper.PaperSplit"/> does (5% = the paper's L), at least 1.</summary>
    public static int BudgetCount(double fraction, int poolSize) =>
        fraction is > 0 and <= 1 ? Math.Max(1, (int)(fraction * poolSize)) : throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A budget is a fraction in (0, 1].");

    /// <summary>
    /// The pool indices <paramref name="strategy"/> picks up to the largest of <paramref name="counts"/>, in pick order:
    /// one ranking for the strategies without a model; for the model-based ones a random first batch of half the
    /// smallest budget, then batches of half the labels so far (cut at each budget), refitting before each batch.
    /// </summary>
    public static IReadOnlyList<int> Trajectory(ActiveSelector selector, IReadOnlyList<GalaxyRecord> pool, ActiveStrategy strategy,
        IReadOnlyList<int> counts, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(selector);
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Max();
        if (!strategy.NeedsModel()) return [.. selector.Next(pool, [], total, strategy, seed).Select(p => p.Index)];
        var picked = selector.Next(pool, [], Math.Max(1, counts.Min() / 2), ActiveStrategy.Random, seed).Select(p => p.Index).ToList();
        for (var round = 1UL; picked.Count < total; round++)
        {
            var next = counts.Where(c => c > picked.Count).Min();
            var batch = Math.Min(next - picked.Count, Math.Max(1, picked.Count / 2));
            picked.AddRange(selector.Next(pool, picked, batch, strategy, seed + round).Select(p => p.Index));
        }
        return picked;
    }

    private static IEnumerable<ulong> Seeds(ActiveStrategy strategy, ActiveBenchmarkOptions options)
    {
        var n = strategy switch { ActiveStrategy.Random => options.RandomSeeds, _ when strategy.NeedsModel() => options.ModelSeeds, _ => 1 };
        return Enumerable.Range(0, n).Select(k => options.Seed + (ulong)k);
    }

    private static ActiveScore Score(Scenario scenario, ActiveStrategy strategy, int fold, ulong seed, double budget,
        GalaxyRecord[] labelled, GalaxyRecord[] test, ActiveBenchmarkOptions options)
    {
        var ids = labelled.Select(r => r.Id).ToArray();
        var classes = ScenarioClasses.Of(scenario).Count;
        var truth = TransferFeatures.ExpertLabels(test, scenario);
        var present = labelled.Select(r => ScenarioClasses.IndexOf(scenario, r.Expert(scenario)!)).ToArray();
        if (present.Distinct().Count() < classes)
        {
            var majority = present.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
            var constant = ClassificationMetrics.Compute(truth, [.. truth.Select(_ => majority)], classes);
            return new ActiveScore(scenario, strategy, fold, seed, budget, ids, constant.Accuracy,
                scenario == Scenario.MG ? constant.Binary?.GMean ?? 0 : null, scenario == Scenario.MG ? 0.5 : null, false);
        }
        var labeller = TransferredLabeller.Fit(options.Method.Create(options.Seed + (ulong)fold), labelled, scenario, options.MgThreshold);
        var report = labeller.Evaluate(test);
        return new ActiveScore(scenario, strategy, fold, seed, budget, ids, report.Accuracy, report.Binary?.GMean, report.Binary?.ScoreAuc, true);
    }
}
