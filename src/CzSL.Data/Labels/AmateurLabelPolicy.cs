using System.Globalization;
using CzSL.Data.Manifest;

namespace CzSL.Data.Labels;

/// <summary>
/// Turns a galaxy's volunteer votes — or, when it has no votes, its GZ1 consensus class — into an amateur label for a
/// scenario. Null means "no usable amateur label" (uncertain, or the source says nothing about the scenario); such
/// galaxies are left out of amateur training.
/// </summary>
/// <remarks>
/// Policies by name (<see cref="Parse"/>): <c>majority</c> (<see cref="MajorityLabelPolicy"/>),
/// <c>threshold:T</c> (<see cref="ThresholdLabelPolicy"/>), <c>soft</c> (<see cref="SoftLabelPolicy"/>),
/// <c>consensus</c> (<see cref="ConsensusLabelPolicy"/>). The vote-based policies fall back to
/// <see cref="ConsensusLabels"/> (one-hot) for a galaxy without votes (or with zero votes). A user's own task
/// (<see cref="Scenario.Custom"/>) reads its own vote columns the same way (majority: the most-voted class, a tie to the
/// lower index; threshold: the most-voted class when its share ≥ T; soft: the vote fractions) and falls back to its
/// amateur-label column; <c>consensus</c> reads only that column.
/// </remarks>
public abstract class AmateurLabelPolicy
{
    private protected AmateurLabelPolicy()
    {
    }

    /// <summary>The policy's name, as <see cref="Parse"/> accepts it (e.g. <c>threshold:0.8</c>).</summary>
    public abstract string Name { get; }

    /// <summary>The amateur label of <paramref name="record"/> for <paramref name="scenario"/>, or null when it has none.</summary>
    public virtual AmateurLabel? Label(GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scenario);
        if (!scenario.IsBuiltIn)
            return record.Task(scenario)?.Votes is { } counts && counts.Sum() > 0 ? FromCounts(counts) : FromAmateurColumn(record, scenario);
        if (record.Votes is { Total: > 0 } votes) return FromVotes(votes, scenario);
        return FromConsensus(record, scenario);
    }

    /// <summary>
    /// True when <paramref name="record"/> holds something amateur labels of <paramref name="scenario"/> are read from:
    /// GZ1 votes or a consensus class for a built-in scenario; the task's votes or amateur label for a user's own task.
    /// </summary>
    public static bool HasSource(GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.IsBuiltIn
            ? record.Votes is not null || record.Consensus is not null
            : record.Task(scenario) is { } t && (t.Votes is not null || t.Amateur is not null);
    }

    /// <summary>The label from GZ1 vote counts of a built-in scenario (<paramref name="votes"/> has at least one vote).</summary>
    private protected abstract AmateurLabel? FromVotes(VoteCounts votes, Scenario scenario);

    /// <summary>The label from a user's task's per-class vote counts (at least one vote).</summary>
    private protected abstract AmateurLabel? FromCounts(IReadOnlyList<int> counts);

    /// <summary>The one-hot label of the record's amateur-label column of a user's own task, or null.</summary>
    private protected static AmateurLabel? FromAmateurColumn(GalaxyRecord record, Scenario scenario) =>
        record.Task(scenario)?.Amateur is { } name ? AmateurLabel.OneHot(scenario.IndexOf(name), scenario.ClassNames.Count) : null;

    /// <summary>The one-hot label of the record's consensus class, or null.</summary>
    private protected static AmateurLabel? FromConsensus(GalaxyRecord record, Scenario scenario) =>
        record.Consensus is { } c && ConsensusLabels.IndexOf(c, scenario) is { } i
            ? AmateurLabel.OneHot(i, ScenarioClasses.Of(scenario).Count)
            : null;

    /// <summary>
    /// The policy named <paramref name="name"/>: <c>majority</c>, <c>threshold:T</c> with 0.5 ≤ T ≤ 1 (invariant
    /// culture, e.g. <c>threshold:0.8</c>), <c>soft</c> or <c>consensus</c> (case-insensitive).
    /// </summary>
    /// <exception cref="FormatException">Unknown name or bad threshold.</exception>
    public static AmateurLabelPolicy Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var s = name.Trim();
        if (s.Equals("majority", StringComparison.OrdinalIgnoreCase)) return new MajorityLabelPolicy();
        if (s.Equals("soft", StringComparison.OrdinalIgnoreCase)) return new SoftLabelPolicy();
        if (s.Equals("consensus", StringComparison.OrdinalIgnoreCase)) return new ConsensusLabelPolicy();
        const string prefix = "threshold:";
        if (s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            var t = s[prefix.Length..];
            if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value is < 0.5 or > 1 || double.IsNaN(value))
                throw new FormatException($"Bad label policy '{name}': the threshold '{t}' must be a number in [0.5, 1], e.g. threshold:0.8.");
            return new ThresholdLabelPolicy(value);
        }
        throw new FormatException($"Unknown label policy '{name}'; expected majority, threshold:T (0.5 ≤ T ≤ 1), soft or consensus.");
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The majority of the votes (<see cref="VoteRules.Majority"/>), one-hot.</summary>
public sealed class MajorityLabelPolicy : AmateurLabelPolicy
{
    /// <inheritdoc/>
    public override string Name => "majority";

    private protected override AmateurLabel? FromVotes(VoteCounts votes, Scenario scenario) =>
        VoteRules.Majority(votes, scenario) is { } i ? AmateurLabel.OneHot(i, ScenarioClasses.Of(scenario).Count) : null;

    private protected override AmateurLabel? FromCounts(IReadOnlyList<int> counts) =>
        VoteRules.MajorityOf(counts) is { } i ? AmateurLabel.OneHot(i, counts.Count) : null;
}

/// <summary>
/// The majority label, kept only when the votes are clear enough (one-hot); otherwise null (uncertain, excluded).
/// </summary>
/// <remarks>
/// With N = all votes: ES keeps elliptical when EL / N ≥ T and spiral when CS / N ≥ T (at T = 0.8 these are GZ1's
/// "clean" samples, on raw rather than bias-corrected fractions). ERL keeps elliptical when EL / N ≥ T, and a spiral
/// when CS / N ≥ T and its winding is clear: max(CW, ACW) / (CW + ACW) ≥ T (a spiral with no CW or ACW vote is
/// excluded). MG keeps merger when MG / N ≥ T and non-merger when 1 − MG / N ≥ T.
/// </remarks>
public sealed class ThresholdLabelPolicy : AmateurLabelPolicy
{
    /// <summary>A policy with threshold <paramref name="threshold"/> in [0.5, 1].</summary>
    public ThresholdLabelPolicy(double threshold)
    {
        if (double.IsNaN(threshold) || threshold is < 0.5 or > 1)
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The threshold must lie in [0.5, 1].");
        Threshold = threshold;
    }

    /// <summary>The minimum share of the winning class.</summary>
    public double Threshold { get; }

    /// <inheritdoc/>
    public override string Name => "threshold:" + Threshold.ToString("R", CultureInfo.InvariantCulture);

    private protected override AmateurLabel? FromVotes(VoteCounts v, Scenario scenario)
    {
        if (VoteRules.Majority(v, scenario) is not { } i) return null;
        var n = v.Total;
        var clear = (scenario.Gz1, i) switch
        {
            (Gz1Task.ES or Gz1Task.ERL, 0) => Share(v.Elliptical, n),
            (Gz1Task.ES, 1) => Share(v.Spiral, n),
            (Gz1Task.ERL, _) => v.Clockwise + v.Anticlockwise > 0
                && Share(v.Spiral, n) && Share(Math.Max(v.Clockwise, v.Anticlockwise), v.Clockwise + v.Anticlockwise),
            (Gz1Task.MG, 1) => Share(v.Merger, n),
            (Gz1Task.MG, _) => Share(n - v.Merger, n),
            _ => false,
        };
        return clear ? AmateurLabel.OneHot(i, ScenarioClasses.Of(scenario).Count) : null;
    }

    private protected override AmateurLabel? FromCounts(IReadOnlyList<int> counts) =>
        VoteRules.MajorityOf(counts) is { } i && Share(counts[i], counts.Sum()) ? AmateurLabel.OneHot(i, counts.Count) : null;

    private bool Share(int count, int total) => (double)count / total >= Threshold;
}

/// <summary>
/// Vote fractions as a soft target; <see cref="AmateurLabel.ClassIndex"/> is the majority label
/// (<see cref="VoteRules.Majority"/>).
/// </summary>
/// <remarks>
/// ES: [EL, CS] / (EL + CS). ERL: [EL, CW, ACW] / (EL + CW + ACW) — edge-on votes count toward neither winding, so a
/// galaxy voted only edge-on or "don't know" gets no ERL label. MG: [1 − MG / N, MG / N] with N all votes.
/// "Don't know" votes (and merger votes for ES/ERL) are left out of the ES and ERL distributions.
/// </remarks>
public sealed class SoftLabelPolicy : AmateurLabelPolicy
{
    /// <inheritdoc/>
    public override string Name => "soft";

    private protected override AmateurLabel? FromVotes(VoteCounts v, Scenario scenario)
    {
        if (VoteRules.Majority(v, scenario) is not { } i) return null;
        float[]? target = scenario.Gz1 switch
        {
            Gz1Task.ES => Normalise(v.Elliptical, v.Spiral),
            Gz1Task.ERL => Normalise(v.Elliptical, v.Clockwise, v.Anticlockwise),
            Gz1Task.MG => Normalise(v.Total - v.Merger, v.Merger),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, "Not a GZ1 scenario."),
        };
        return target is null ? null : new AmateurLabel(i, target);
    }

    private protected override AmateurLabel? FromCounts(IReadOnlyList<int> counts) =>
        VoteRules.MajorityOf(counts) is { } i && Normalise([.. counts]) is { } target ? new AmateurLabel(i, target) : null;

    private static float[]? Normalise(params int[] counts)
    {
        var sum = counts.Sum();
        if (sum <= 0) return null;
        return counts.Select(c => (float)((double)c / sum)).ToArray();
    }
}

/// <summary>
/// The GZ1 consensus class only (<see cref="ConsensusLabels"/>), one-hot; votes are ignored, and a galaxy without a
/// consensus class has no label. A user's own task: its amateur-label column only.
/// </summary>
public sealed class ConsensusLabelPolicy : AmateurLabelPolicy
{
    /// <inheritdoc/>
    public override string Name => "consensus";

    /// <inheritdoc/>
    public override AmateurLabel? Label(GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(scenario);
        return scenario.IsBuiltIn ? FromConsensus(record, scenario) : FromAmateurColumn(record, scenario);
    }

    private protected override AmateurLabel? FromVotes(VoteCounts votes, Scenario scenario) => null;

    private protected override AmateurLabel? FromCounts(IReadOnlyList<int> counts) => null;
}
