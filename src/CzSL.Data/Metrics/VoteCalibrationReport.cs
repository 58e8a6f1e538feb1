using System.Globalization;
using System.Text;

namespace CzSL.Data.Metrics;

/// <summary>Agreement of an amateur label with the expert on <see cref="Count"/> galaxies.</summary>
public readonly record struct AgreementStat(int Count, double Agreement);

/// <summary>Agreement within one bin (of vote margin or number of votes); <see cref="Agreement"/> is null for an empty bin.</summary>
public readonly record struct BinnedAgreement(string Label, double Low, double High, int Count, double? Agreement);

/// <summary>Clean-flag statistics: the fraction of ES galaxies flagged, and the flag's agreement with the expert.</summary>
public readonly record struct CleanFlagStat(string Source, double Coverage, double? Agreement);

/// <summary>Amateur merger flag vs expert (G-mean at the flag) and the merger vote fraction as a score (ROC AUC).</summary>
public readonly record struct MergerStat(string Source, int Count, int Positives, double? TruePositiveRate,
    double? TrueNegativeRate, double? GMean, double? VoteFractionAuc);

/// <summary>Median, minimum and maximum of NVOTE.</summary>
public readonly record struct VoteSummary(double Median, int Min, int Max)
{
    /// <summary>Summary of <paramref name="totals"/> (at least one).</summary>
    public static VoteSummary Of(IReadOnlyList<int> totals)
    {
        var sorted = totals.Order().ToArray();
        var mid = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
        return new VoteSummary(median, sorted[0], sorted[^1]);
    }
}

/// <summary>Result of <see cref="VoteCalibration.Compute"/>; a statistic is null when no galaxy had what it needs.</summary>
public sealed record VoteCalibrationReport
{
    /// <summary>Galaxies given.</summary>
    public required int Galaxies { get; init; }
    /// <summary>Galaxies with votes (the others are ignored).</summary>
    public required int WithVotes { get; init; }
    /// <summary>ES: vote majority vs expert.</summary>
    public AgreementStat? EsMajority { get; init; }
    /// <summary>ES: accuracy of always answering the expert's most frequent class.</summary>
    public double? EsMajorityClassBaseline { get; init; }
    /// <summary>ERL: three-class vote majority vs expert.</summary>
    public AgreementStat? ErlMajority { get; init; }
    /// <summary>ES majority agreement by vote margin.</summary>
    public IReadOnlyList<BinnedAgreement> EsByMargin { get; init; } = [];
    /// <summary>ES majority agreement by number of votes.</summary>
    public IReadOnlyList<BinnedAgreement> EsByVotes { get; init; } = [];
    /// <summary>Clean-flag coverage and agreement on ES galaxies.</summary>
    public CleanFlagStat? CleanFlag { get; init; }
    /// <summary>MG flag and vote-fraction statistics.</summary>
    public MergerStat? Merger { get; init; }
    /// <summary>NVOTE summary.</summary>
    public VoteSummary? Votes { get; init; }
}

/// <summary>Per-fold <see cref="VoteCalibrationReport"/>s and the mean ± sd of the headline figures over folds.</summary>
public sealed record FoldedVoteCalibration(IReadOnlyList<(int Fold, VoteCalibrationReport Report)> Folds)
{
    /// <summary>ES majority agreement over folds.</summary>
    public MeanSd? EsMajority => Over(r => r.EsMajority?.Agreement);
    /// <summary>ERL majority agreement over folds.</summary>
    public MeanSd? ErlMajority => Over(r => r.ErlMajority?.Agreement);
    /// <summary>Clean-flag coverage over folds.</summary>
    public MeanSd? CleanCoverage => Over(r => r.CleanFlag?.Coverage);
    /// <summary>Clean-flag agreement over folds.</summary>
    public MeanSd? CleanAgreement => Over(r => r.CleanFlag?.Agreement);
    /// <summary>Merger-flag G-mean over folds.</summary>
    public MeanSd? MergerGMean => Over(r => r.Merger?.GMean);
    /// <summary>Merger vote-fraction AUC over folds.</summary>
    public MeanSd? MergerAuc => Over(r => r.Merger?.VoteFractionAuc);
    /// <summary>Majority-class baseline (ES) over folds.</summary>
    public MeanSd? EsMajorityClassBaseline => Over(r => r.EsMajorityClassBaseline);

    private MeanSd? Over(Func<VoteCalibrationReport, double?> pick)
    {
        var values = Folds.Select(f => pick(f.Report)).Where(v => v is not null).Select(v => v!.Value).ToArray();
        return values.Length == 0 ? null : MeanSd.Of(values);
    }
}

/// <summary>Renders calibration results of several sources (e.g. real vs simulated) side by side as a markdown table.</summary>
public static class VoteCalibrationTable
{
    /// <summary>A markdown table with one column per named source.</summary>
    public static string Render(IReadOnlyList<(string Name, VoteCalibrationReport Report)> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var rows = new List<(string Label, Func<VoteCalibrationReport, string> Cell)>
        {
            ("galaxies with votes", r => r.WithVotes.ToString(CultureInfo.InvariantCulture)),
            ("ES majority agreement", r => Pct(r.EsMajority?.Agreement)),
            ("ES majority-class baseline", r => Pct(r.EsMajorityClassBaseline)),
            ("ERL majority agreement", r => Pct(r.ErlMajority?.Agreement)),
            ("clean flag coverage", r => Pct(r.CleanFlag?.Coverage)),
            ("clean flag agreement", r => Pct(r.CleanFlag?.Agreement)),
            ("MG flag G-mean", r => Num(r.Merger?.GMean)),
            ("MG vote-fraction AUC", r => Num(r.Merger?.VoteFractionAuc)),
            ("votes median [min, max]", r => r.Votes is { } v
                ? string.Create(CultureInfo.InvariantCulture, $"{v.Median} [{v.Min}, {v.Max}]") : "–"),
        };
        var binLabels = sources.SelectMany(s => s.Report.EsByMargin.Select(b => b.Label)).Distinct().ToArray();
        foreach (var label in binLabels)
            rows.Add(($"ES agreement, margin {label}", r => BinCell(r.EsByMargin, label)));
        foreach (var label in sources.SelectMany(s => s.Report.EsByVotes.Select(b => b.Label)).Distinct())
            rows.Add(($"ES agreement, votes {label}", r => BinCell(r.EsByVotes, label)));

        var text = new StringBuilder();
        text.Append("| statistic |").AppendJoin("", sources.Select(s => $" {s.Name} |")).AppendLine();
        text.Append("|---|").AppendJoin("", sources.Select(_ => "---:|")).AppendLine();
        foreach (var (label, cell) in rows)
            text.Append("| ").Append(label).Append(" |").AppendJoin("", sources.Select(s => $" {cell(s.Report)} |")).AppendLine();
        return text.ToString();
    }

    private static string BinCell(IReadOnlyList<BinnedAgreement> bins, string label) =>
        bins.FirstOrDefault(b => b.Label == label) is { Agreement: { } a, Count: var n }
            ? string.Create(CultureInfo.InvariantCulture, $"{a * 100:F1}% (n={n})") : "–";

    private static string Pct(double? value) =>
        value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:F1}%") : "–";

    private static string Num(double? value) =>
        value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "–";
}
