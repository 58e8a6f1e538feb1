using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Active;

/// <summary>
/// Chooses the next galaxies of a pool for the experts. The galaxies already labelled (their indices, each with the
/// scenario's expert label) train the transfer model of the model-based strategies; a model-based strategy whose
/// labelled galaxies miss a class cannot fit and falls back to <see cref="ActiveStrategy.VoteMargin"/> (the picks say so).
/// Deterministic for a given seed.
/// </summary>
public sealed class ActiveSelector(Scenario scenario, ActiveSelectorOptions? options = null)
{
    private readonly ActiveSelectorOptions _options = options ?? new ActiveSelectorOptions();
    private readonly TransferFeatures _space = new();

    /// <summary>The scenario.</summary>
    public Scenario Scenario { get; } = scenario;

    /// <summary>
    /// The next <paramref name="count"/> galaxies of <paramref name="pool"/> (fewer when fewer are unlabelled) by
    /// <paramref name="strategy"/>, best first, never one of <paramref name="labelled"/>.
    /// </summary>
    public IReadOnlyList<ActivePick> Next(IReadOnlyList<GalaxyRecord> pool, IReadOnlyCollection<int> labelled, int count,
        ActiveStrategy strategy, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(labelled);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (strategy.NeedsImages())
            throw new ArgumentException($"Strategy {strategy.Name()} scores images with a CNN: use {nameof(CnnSelector)}.", nameof(strategy));
        var taken = labelled.ToHashSet();
        var candidates = Enumerable.Range(0, pool.Count).Where(i => !taken.Contains(i)).ToArray();
        count = Math.Min(count, candidates.Length);
        if (count == 0) return [];
        if (strategy.NeedsModel() && !CanFit(pool, taken)) strategy = ActiveStrategy.VoteMargin;
        return strategy switch
        {
            ActiveStrategy.FirstRows => Label(pool, candidates.Take(count), strategy),
            ActiveStrategy.Random => Label(pool, Shuffled(candidates, seed).Take(count), strategy),
            ActiveStrategy.VoteMargin => ByVoteMargin(pool, candidates, count),
            ActiveStrategy.Uncertainty => ByUncertainty(pool, taken, candidates, count, seed),
            ActiveStrategy.Committee => ByCommittee(pool, taken, candidates, count, seed),
            ActiveStrategy.Diversity => ByDiversity(pool, taken, candidates, count, seed),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
        };
    }

    /// <summary>True when the labelled galaxies hold every class of the scenario (a transfer model can be fitted).</summary>
    public bool CanFit(IReadOnlyList<GalaxyRecord> pool, IReadOnlyCollection<int> labelled)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(labelled);
        var seen = labelled.Select(i => pool[i].Expert(Scenario)).Where(l => l is not null)
            .Select(l => ScenarioClasses.IndexOf(Scenario, l!)).Distinct().Count();
        return seen == ScenarioClasses.Of(Scenario).Count;
    }

    private IReadOnlyList<ActivePick> Label(IReadOnlyList<GalaxyRecord> pool, IEnumerable<int> picks, ActiveStrategy strategy) =>
        [.. picks.Select((i, rank) => VotePick(pool, i, strategy, rank + 1))];

    private ActivePick VotePick(IReadOnlyList<GalaxyRecord> pool, int index, ActiveStrategy strategy, int rank)
    {
        var shares = VoteMargin.Shares(pool[index], Scenario);
        var top = shares.Max();
        return new ActivePick(index, pool[index].Id, strategy, rank, top, VoteMargin.Of(shares), null, 1 - top);
    }

    private IReadOnlyList<ActivePick> ByVoteMargin(IReadOnlyList<GalaxyRecord> pool, int[] candidates, int count) =>
        Label(pool, candidates.OrderBy(i => VoteMargin.Of(VoteMargin.Shares(pool[i], Scenario))).ThenBy(i => i).Take(count), ActiveStrategy.VoteMargin);

    private IReadOnlyList<ActivePick> ByUncertainty(IReadOnlyList<GalaxyRecord> pool, HashSet<int> taken, int[] candidates, int count, ulong seed)
    {
        var p = Fit(_options.Method, pool, taken, seed).PredictProba(Rows(pool, candidates));
        var margins = p.Select(Margin).ToArray();
        return [.. Enumerable.Range(0, candidates.Length).OrderBy(k => margins[k]).ThenBy(k => candidates[k]).Take(count)
            .Select((k, rank) => ModelPick(pool, candidates[k], ActiveStrategy.Uncertainty, rank + 1, p[k], null))];
    }

    private IReadOnlyList<ActivePick> ByCommittee(IReadOnlyList<GalaxyRecord> pool, HashSet<int> taken, int[] candidates, int count, ulong seed)
    {
        var scored = candidates.Length <= _options.CommitteeCandidates
            ? candidates
            : [.. Shuffled(candidates, seed).Take(Math.Max(_options.CommitteeCandidates, count)).Order()];
        var rows = Rows(pool, scored);
        var members = _options.Committee.Select(m => Normalised(Fit(m, pool, taken, seed).PredictProba(rows))).ToArray();
        var consensus = new float[scored.Length][];
        var disagreement = new double[scored.Length];
        for (var k = 0; k < scored.Length; k++)
        {
            var mean = new float[members[0][k].Length];
            foreach (var m in members)
                for (var c = 0; c < mean.Length; c++) mean[c] += m[k][c] / members.Length;
            consensus[k] = mean;
            disagreement[k] = members.Average(m => KullbackLeibler(m[k], mean));
        }
        return [.. Enumerable.Range(0, scored.Length).OrderByDescending(k => disagreement[k]).ThenBy(k => scored[k]).Take(count)
            .Select((k, rank) => ModelPick(pool, scored[k], ActiveStrategy.Committee, rank + 1, consensus[k], disagreement[k]))];
    }

    private IReadOnlyList<ActivePick> ByDiversity(IReadOnlyList<GalaxyRecord> pool, HashSet<int> taken, int[] candidates, int count, ulong seed)
    {
        var p = Fit(_options.Method, pool, taken, seed).PredictProba(Rows(pool, candidates));
        var entropy = p.Select(Entropy).ToArray();
        var shortlist = Enumerable.Range(0, candidates.Length).OrderByDescending(k => entropy[k]).ThenBy(k => candidates[k])
            .Take(Math.Max(count, count * _options.DiversityCandidatesPerPick)).ToArray();
        var points = shortlist.Select(k => _space.Of(pool[candidates[k]])).ToArray();
        var labelledPoints = taken.Select(j => _space.Of(pool[j])).ToArray();
        var chosen = GreedyDiversity.Pick([.. shortlist.Select(k => entropy[k])], points, labelledPoints, count);
        return [.. chosen.Select((s, rank) => ModelPick(pool, candidates[shortlist[s]], ActiveStrategy.Diversity, rank + 1, p[shortlist[s]], null))];
    }

    private ILabelTransfer Fit(TransferMethod method, IReadOnlyList<GalaxyRecord> pool, HashSet<int> taken, ulong seed)
    {
        var model = method.Create(seed);
        model.Fit(Rows(pool, taken.Order()), Scenario);
        return model;
    }

    private static ActivePick ModelPick(IReadOnlyList<GalaxyRecord> pool, int index, ActiveStrategy strategy, int rank, float[] p, double? disagreement)
    {
        var top = (double)p.Max();
        return new ActivePick(index, pool[index].Id, strategy, rank, top, Margin(p), disagreement, 1 - top);
    }

    private static GalaxyRecord[] Rows(IReadOnlyList<GalaxyRecord> pool, IEnumerable<int> indices) => [.. indices.Select(i => pool[i])];

    /// <summary><paramref name="items"/> in a random order drawn from <paramref name="seed"/>.</summary>
    internal static int[] Shuffled(int[] items, ulong seed)
    {
        var copy = (int[])items.Clone();
        new Random((int)(seed % int.MaxValue)).Shuffle(copy);
        return copy;
    }

    private static double Margin(float[] p) => VoteMargin.Of([.. p.Select(v => (double)v)]);

    private static double Entropy(float[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v));

    private static float[][] Normalised(float[][] rows) =>
        [.. rows.Select(r => r.Sum() is var s and > 0 ? r.Select(v => v / s).ToArray() : r.Select(_ => 1f / r.Length).ToArray())];

    private static double KullbackLeibler(float[] p, float[] q)
    {
        double sum = 0;
        for (var c = 0; c < p.Length; c++)
            if (p[c] > 0) sum += p[c] * Math.Log(p[c] / Math.Max(q[c], 1e-12));
        return sum;
    }
}
