using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.Data.Tests.Metrics;

[TestClass]
public sealed class VoteCalibrationTests
{
    // VoteCounts(EL, CW, ACW, EDGE, DK, MG)
    private static readonly GalaxyRecord[] Records =
    [
        new() { Id = "1", Fold = 1, Votes = new VoteCounts(8, 1, 0, 0, 0, 0), ExpertES = "elliptical", ExpertERL = "elliptical", ExpertMG = "non_merger" },
        new() { Id = "2", Fold = 1, Votes = new VoteCounts(3, 5, 0, 0, 0, 1), ExpertES = "spiral", ExpertERL = "clockwise", ExpertMG = "non_merger" },
        new() { Id = "3", Fold = 2, Votes = new VoteCounts(4, 0, 4, 0, 0, 8), ExpertES = "spiral", ExpertERL = "anticlockwise", ExpertMG = "merger" },
        new() { Id = "4", Fold = 2, Votes = new VoteCounts(2, 0, 6, 0, 0, 1), ExpertES = "spiral", ExpertERL = "clockwise", ExpertMG = "merger" },
    ];

    [TestMethod]
    public void StatisticsMatchHandComputation()
    {
        var r = VoteCalibration.Compute(Records);

        // ES: 1 agrees, 2 agrees, 3 is a tie (elliptical) vs spiral, 4 agrees.
        Assert.AreEqual(new AgreementStat(4, 0.75), r.EsMajority);
        // ERL: 1 and 2 agree; 3 elliptical vs anticlockwise; 4 anticlockwise vs clockwise.
        Assert.AreEqual(new AgreementStat(4, 0.5), r.ErlMajority);
        Assert.AreEqual(0.75, r.EsMajorityClassBaseline!.Value, 1e-12);
        // MG flag (≥ 50%): only galaxy 3 → TPR 1/2, TNR 1. Fractions 0, 1/9, 1/2, 1/9: AUC (1 + 1 + 1 + 0.5) / 4.
        Assert.AreEqual(Math.Sqrt(0.5), r.Merger!.Value.GMean!.Value, 1e-12);
        Assert.AreEqual(0.875, r.Merger.Value.VoteFractionAuc!.Value, 1e-12);
        // Clean flag from raw fractions: only galaxy 1 (EL 8/9 ≥ 0.8), and it agrees.
        Assert.AreEqual(0.25, r.CleanFlag!.Value.Coverage, 1e-12);
        Assert.AreEqual(1.0, r.CleanFlag.Value.Agreement!.Value, 1e-12);
        Assert.AreEqual(new VoteSummary(9, 9, 16), r.Votes);
        // Margins |CS − EL| / N: 7/9, 2/9, 0, 4/9.
        var byMargin = r.EsByMargin.ToDictionary(b => b.Label, b => (b.Count, b.Agreement));
        Assert.AreEqual((1, (double?)0.0), byMargin["[0.00, 0.10)"]);
        Assert.AreEqual((1, (double?)1.0), byMargin["[0.20, 0.40)"]);
        Assert.AreEqual((1, (double?)1.0), byMargin["[0.60, 1.00]"]);
    }

    [TestMethod]
    public void OptionsReplaceTheFlags()
    {
        var r = VoteCalibration.Compute(Records, new VoteCalibrationOptions
        {
            MergerFlag = g => g.ExpertMG == "merger",
            CleanFlag = g => g.ExpertES,
        });
        Assert.AreEqual(1.0, r.Merger!.Value.GMean!.Value, 1e-12);
        Assert.AreEqual(1.0, r.CleanFlag!.Value.Coverage, 1e-12);
    }

    [TestMethod]
    public void PerFoldAveragesFolds()
    {
        var folded = VoteCalibration.PerFold(Records);
        Assert.AreEqual(2, folded.Folds.Count);
        // Fold 1: ES 2/2; fold 2: 1/2.
        Assert.AreEqual(0.75, folded.EsMajority!.Value.Mean, 1e-12);
        Assert.AreEqual(Math.Sqrt(0.125), folded.EsMajority.Value.Sd, 1e-12);
        var table = VoteCalibrationTable.Render([("a", folded.Folds[0].Report), ("b", folded.Folds[1].Report)]);
        StringAssert.Contains(table, "| ES majority agreement | 100.0% | 50.0% |");
    }
}
