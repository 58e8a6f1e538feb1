using CzSL.Data.Labels;
using CzSL.Data.Manifest;

namespace CzSL.Data.Metrics;

/// <summary>
/// How volunteer votes relate to expert labels on a set of galaxies: the statistics that show whether amateur labels
/// (real Galaxy Zoo or simulated) behave like the paper's. Galaxies without votes are skipped; each statistic uses the
/// galaxies that have the expert label it needs.
/// </summary>
/// <remarks>
/// Amateur majority labels come from the vote counts by <see cref="VoteRules.Majority"/> (ES: spiral when N_CS &gt;
/// N_EL; ERL: then clockwise when N_CW ≥ N_ACW); on the paper's tables they give the published facts (ES 92.0%,
/// ERL 91.1%). The merger flag and the clean flag have
/// defaults from the votes (MG ≥ 50%; EL_DEB or CS_DEB ≥ 0.8, else the raw fractions) that a source with published
/// flags replaces through <see cref="VoteCalibrationOptions"/>.
/// </remarks>
public static class VoteCalibration
{
    /// <summary>Statistics over all of <paramref name="records"/>.</summary>
    public static VoteCalibrationReport Compute(IReadOnlyList<GalaxyRecord> records, VoteCalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        options ??= new VoteCalibrationOptions();
        var voted = records.Where(r => r.Votes is { Total: > 0 }).ToArray();
        var es = voted.Where(r => r.ExpertES is not null).ToArray();
        var erl = voted.Where(r => r.ExpertERL is not null).ToArray();
        var mg = voted.Where(r => r.ExpertMG is not null).ToArray();

        return new VoteCalibrationReport
        {
            Galaxies = records.Count,
            WithVotes = voted.Length,
            EsMajority = Agreement(es, AgreesES),
            EsMajorityClassBaseline = es.Length == 0 ? null
                : es.GroupBy(r => r.ExpertES).Max(g => g.Count()) / (double)es.Length,
            ErlMajority = Agreement(erl, r => Agrees(r, Scenario.ERL)),
            EsByMargin = Binned(es, options.MarginBins, r => Margin(r.Votes!.Value), AgreesES, "F2"),
            EsByVotes = Binned(es, options.VoteBins, r => r.Votes!.Value.Total, AgreesES, "F0"),
            CleanFlag = CleanFlagStats(es, options),
            Merger = MergerStats(mg, options),
            Votes = voted.Length == 0 ? null : VoteSummary.Of(voted.Select(r => r.Votes!.Value.Total).ToArray()),
        };
    }

    /// <summary>Statistics per <see cref="GalaxyRecord.Fold"/> (galaxies without a fold are ignored) and their mean ± sd.</summary>
    public static FoldedVoteCalibration PerFold(IReadOnlyList<GalaxyRecord> records, VoteCalibrationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var folds = records.Where(r => r.Fold is not null).GroupBy(r => r.Fold!.Value).OrderBy(g => g.Key)
            .Select(g => (g.Key, Compute(g.ToArray(), options))).ToArray();
        if (folds.Length == 0) throw new ArgumentException("No galaxy has a fold.", nameof(records));
        return new FoldedVoteCalibration(folds);
    }

    /// <summary>ES vote margin |N_CS − N_EL| / NVOTE.</summary>
    public static double Margin(VoteCounts votes) => Math.Abs(votes.Spiral - votes.Elliptical) / (double)votes.Total;

    private static bool AgreesES(GalaxyRecord r) => Agrees(r, Scenario.ES);

    private static bool Agrees(GalaxyRecord r, Scenario scenario) =>
        VoteRules.Majority(r.Votes!.Value, scenario) == ScenarioClasses.IndexOf(scenario, r.Expert(scenario)!);

    private static AgreementStat? Agreement(IReadOnlyList<GalaxyRecord> records, Func<GalaxyRecord, bool> agrees) =>
        records.Count == 0 ? null : new AgreementStat(records.Count, records.Count(agrees) / (double)records.Count);

    private static IReadOnlyList<BinnedAgreement> Binned(IReadOnlyList<GalaxyRecord> records, IReadOnlyList<double> edges,
        Func<GalaxyRecord, double> key, Func<GalaxyRecord, bool> agrees, string format)
    {
        var bins = new List<BinnedAgreement>();
        for (var b = 0; b + 1 < edges.Count; b++)
        {
            var (low, high) = (edges[b], edges[b + 1]);
            var last = b + 2 == edges.Count;
            var members = records.Where(r => key(r) >= low && (key(r) < high || (last && key(r) <= high))).ToArray();
            var label = $"[{low.ToString(format, System.Globalization.CultureInfo.InvariantCulture)}, " +
                        $"{(double.IsPositiveInfinity(high) ? "∞" : high.ToString(format, System.Globalization.CultureInfo.InvariantCulture))}{(last ? "]" : ")")}";
            bins.Add(new BinnedAgreement(label, low, high, members.Length,
                members.Length == 0 ? null : members.Count(agrees) / (double)members.Length));
        }
        return bins;
    }

    private static CleanFlagStat? CleanFlagStats(IReadOnlyList<GalaxyRecord> es, VoteCalibrationOptions options)
    {
        if (es.Count == 0) return null;
        var flagged = es.Select(r => (Record: r, Flag: options.CleanFlag(r))).Where(x => x.Flag is not null).ToArray();
        return new CleanFlagStat(options.CleanFlagSource, flagged.Length / (double)es.Count,
            flagged.Length == 0 ? null : flagged.Count(x => x.Flag == x.Record.ExpertES) / (double)flagged.Length);
    }

    private static MergerStat? MergerStats(IReadOnlyList<GalaxyRecord> mg, VoteCalibrationOptions options)
    {
        if (mg.Count == 0) return null;
        var truth = mg.Select(r => ScenarioClasses.IndexOf(Scenario.MG, r.ExpertMG!)).ToArray();
        var positives = truth.Sum();
        if (positives == 0 || positives == truth.Length)
            return new MergerStat(options.MergerFlagSource, mg.Count, positives, null, null, null, null);
        var flags = mg.Select(r => options.MergerFlag(r) ? 1 : 0).ToArray();
        var (tpr, tnr) = BinaryMetrics.Rates(truth, flags);
        var fractions = mg.Select(r => r.Votes!.Value.Merger / (double)r.Votes!.Value.Total).ToArray();
        return new MergerStat(options.MergerFlagSource, mg.Count, positives, tpr, tnr, Math.Sqrt(tpr * tnr),
            BinaryMetrics.RocAuc(truth, fractions));
    }
}

/// <summary>Options of <see cref="VoteCalibration"/>.</summary>
public sealed record VoteCalibrationOptions
{
    /// <summary>Edges of the ES vote-margin bins (|N_CS − N_EL| / NVOTE); the last bin is closed.</summary>
    public IReadOnlyList<double> MarginBins { get; init; } = [0, 0.1, 0.2, 0.4, 0.6, 1.0];
    /// <summary>Edges of the number-of-votes bins; the last bin is closed.</summary>
    public IReadOnlyList<double> VoteBins { get; init; } = [0, 20, 30, 40, 60, double.PositiveInfinity];
    /// <summary>The amateur merger flag of a galaxy with votes. Default: merger votes ≥ 50% of NVOTE.</summary>
    public Func<GalaxyRecord, bool> MergerFlag { get; init; } = r => 2 * r.Votes!.Value.Merger >= r.Votes!.Value.Total;
    /// <summary>Where <see cref="MergerFlag"/> comes from, for reports.</summary>
    public string MergerFlagSource { get; init; } = "votes: MG ≥ 0.5";
    /// <summary>
    /// The "clean" amateur ES label of a galaxy (ES class name, or null when uncertain). Default: spiral when the
    /// bias-corrected spiral fraction CS_DEB ≥ 0.8, elliptical when EL_DEB ≥ 0.8 (raw vote fractions when the
    /// corrected ones are unknown).
    /// </summary>
    public Func<GalaxyRecord, string?> CleanFlag { get; init; } = DefaultCleanFlag;
    /// <summary>Where <see cref="CleanFlag"/> comes from, for reports.</summary>
    public string CleanFlagSource { get; init; } = "votes: EL_DEB or CS_DEB ≥ 0.8";

    private static string? DefaultCleanFlag(GalaxyRecord r)
    {
        var votes = r.Votes!.Value;
        var spiral = r.SpiralDebiased ?? votes.Spiral / (double)votes.Total;
        var elliptical = r.EllipticalDebiased ?? votes.Elliptical / (double)votes.Total;
        return spiral >= 0.8 ? ScenarioClasses.ES[1] : elliptical >= 0.8 ? ScenarioClasses.ES[0] : null;
    }
}
