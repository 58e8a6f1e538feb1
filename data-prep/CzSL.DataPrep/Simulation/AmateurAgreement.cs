using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// How well the volunteers' majority labels (<see cref="VoteRules"/>) match a reference label, per scenario — the
/// numbers the paper's tables give against the experts: ES 92.0%, ERL 91.1%, merger flag G-mean 0.788.
/// </summary>
/// <param name="ESAccuracy">Share of galaxies with a reference ES label whose majority ES label matches it (NaN if none).</param>
/// <param name="ESCount">Galaxies scored for ES.</param>
/// <param name="ERLAccuracy">The same for the three-class ERL majority.</param>
/// <param name="ERLCount">Galaxies scored for ERL.</param>
/// <param name="MergerTruePositiveRate">Share of reference mergers flagged (MG ≥ 0.5).</param>
/// <param name="MergerTrueNegativeRate">Share of reference non-mergers not flagged.</param>
/// <param name="MergerGMean">√(TPR·TNR) of the merger flag (NaN when a class is absent).</param>
/// <param name="MGCount">Galaxies scored for MG.</param>
public sealed record AmateurAgreement(double ESAccuracy, int ESCount, double ERLAccuracy, int ERLCount,
    double MergerTruePositiveRate, double MergerTrueNegativeRate, double MergerGMean, int MGCount)
{
    /// <summary>Agreement with the ground truth (<see cref="GalaxyRecord.Truth"/>) of simulated records.</summary>
    public static AmateurAgreement WithTruth(IEnumerable<GalaxyRecord> records) => Measure(records, (r, s) => r.Truth(s));

    /// <summary>Agreement with the expert labels (<see cref="GalaxyRecord.Expert"/>), where given.</summary>
    public static AmateurAgreement WithExperts(IEnumerable<GalaxyRecord> records) => Measure(records, (r, s) => r.Expert(s));

    private static AmateurAgreement Measure(IEnumerable<GalaxyRecord> records, Func<GalaxyRecord, Scenario, string?> reference)
    {
        ArgumentNullException.ThrowIfNull(records);
        int esHit = 0, esN = 0, erlHit = 0, erlN = 0;
        var mgTruth = new List<int>();
        var mgFlag = new List<int>();
        foreach (var r in records)
        {
            if (r.Votes is not { Total: > 0 } votes) continue;
            if (reference(r, Scenario.ES) is { } es)
            {
                esN++;
                if (VoteRules.Majority(votes, Scenario.ES) == ScenarioClasses.IndexOf(Scenario.ES, es)) esHit++;
            }
            if (reference(r, Scenario.ERL) is { } erl)
            {
                erlN++;
                if (VoteRules.Majority(votes, Scenario.ERL) == ScenarioClasses.IndexOf(Scenario.ERL, erl)) erlHit++;
            }
            if (reference(r, Scenario.MG) is { } mg)
            {
                mgTruth.Add(ScenarioClasses.IndexOf(Scenario.MG, mg));
                mgFlag.Add(VoteRules.Majority(votes, Scenario.MG)!.Value);
            }
        }
        double tpr = double.NaN, tnr = double.NaN, gmean = double.NaN;
        if (mgTruth.Contains(1) && mgTruth.Contains(0))
        {
            (tpr, tnr) = BinaryMetrics.Rates(mgTruth, mgFlag);
            gmean = Math.Sqrt(tpr * tnr);
        }
        return new AmateurAgreement(esN > 0 ? (double)esHit / esN : double.NaN, esN, erlN > 0 ? (double)erlHit / erlN : double.NaN, erlN,
            tpr, tnr, gmean, mgTruth.Count);
    }
}
