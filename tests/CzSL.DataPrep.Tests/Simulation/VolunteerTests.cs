using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Simulation;

namespace CzSL.DataPrep.Tests.Simulation;

[TestClass]
public sealed class VolunteerTests
{
    private static readonly VolunteerSimulator Volunteers = new(new VolunteerModel());

    private static VisualCues SpiralCues(double resolution, double surfaceBrightness) => new()
    {
        Distance = 0.5, HalfLightRadius = 5, Resolution = resolution, SurfaceBrightness = surfaceBrightness, AxisRatio = 0.9,
        CosInclination = 0.9, ArmContrast = 0.6, PitchDegrees = 18, BulgeFraction = 0.2,
    };

    private static double Share(Func<VoteCounts, int> pick, GalaxyType type, Winding winding, VisualCues cues, int galaxies = 400)
    {
        double votes = 0, picked = 0;
        for (var i = 0; i < galaxies; i++)
        {
            var v = Volunteers.Vote(type, winding, cues, SeededRandom.Derive(11, (ulong)i));
            votes += v.Total;
            picked += pick(v);
        }
        return picked / votes;
    }

    [TestMethod]
    public void FaintSmallSpiralsGetMoreEllipticalVotesThanBrightLargeOnes()
    {
        var bright = Share(v => v.Elliptical, GalaxyType.Sb, Winding.Clockwise, SpiralCues(resolution: 7, surfaceBrightness: 30));
        var faint = Share(v => v.Elliptical, GalaxyType.Sb, Winding.Clockwise, SpiralCues(resolution: 2.5, surfaceBrightness: 6));
        var faintOnly = Share(v => v.Elliptical, GalaxyType.Sb, Winding.Clockwise, SpiralCues(resolution: 7, surfaceBrightness: 6));
        var smallOnly = Share(v => v.Elliptical, GalaxyType.Sb, Winding.Clockwise, SpiralCues(resolution: 2.5, surfaceBrightness: 30));
        Assert.IsTrue(faint > bright + 0.2, $"elliptical share: faint/small {faint:F3} vs bright/large {bright:F3}");
        Assert.IsTrue(faintOnly > bright && smallOnly > bright, $"each cue alone raises it: faint {faintOnly:F3}, small {smallOnly:F3}, bright/large {bright:F3}");
    }

    [TestMethod]
    public void WindingVotesFollowTheTrueWinding()
    {
        var cues = SpiralCues(7, 30);
        var cwOfClockwise = Share(v => v.Clockwise, GalaxyType.Sc, Winding.Clockwise, cues);
        var acwOfClockwise = Share(v => v.Anticlockwise, GalaxyType.Sc, Winding.Clockwise, cues);
        var acwOfAnticlockwise = Share(v => v.Anticlockwise, GalaxyType.Sc, Winding.Anticlockwise, cues);
        Assert.IsTrue(cwOfClockwise > 0.6 && acwOfClockwise < 0.08, $"clockwise spiral: CW {cwOfClockwise:F3}, ACW {acwOfClockwise:F3}");
        Assert.IsTrue(acwOfAnticlockwise > 0.6, $"anticlockwise spiral: ACW {acwOfAnticlockwise:F3}");
    }

    [TestMethod]
    public void MergersGetMergerVotesAndOthersFew()
    {
        var mergerCues = new VisualCues
        {
            Distance = 0.3, HalfLightRadius = 6, Resolution = 5, SurfaceBrightness = 15, AxisRatio = 0.8,
            CompanionSeparation = 2, CompanionFluxRatio = 0.7, TidalFraction = 0.08, BulgeFraction = 0.3,
        };
        var merger = Share(v => v.Merger, GalaxyType.Merger, Winding.None, mergerCues);
        var elliptical = Share(v => v.Merger, GalaxyType.Elliptical, Winding.None, mergerCues with { CompanionSeparation = 0, TidalFraction = 0 });
        Assert.IsTrue(merger > 0.5, $"merger vote share of mergers {merger:F3}");
        Assert.IsTrue(elliptical < 0.05, $"merger vote share of ellipticals {elliptical:F3}");
    }

    [TestMethod]
    public void VoteCountsFollowTheTables()
    {
        var counts = Enumerable.Range(0, 4000).Select(i => Volunteers.VoteCount(SeededRandom.Derive(3, (ulong)i))).ToArray();
        Assert.IsTrue(counts.All(n => n is >= 10 and <= 89), $"range {counts.Min()}–{counts.Max()}");
        var stats = VoteCountStats.Of(counts);
        Assert.IsTrue(stats.Median is >= 32 and <= 36, $"median {stats.Median}");
        Assert.IsTrue(counts.Count(n => n > 60) > 100, "the upper tail reaches past 60 votes");
    }

    [TestMethod]
    public void SpiralWithoutWindingIsRejected()
    {
        Assert.ThrowsExactly<ArgumentException>(() => Volunteers.Vote(GalaxyType.Sa, Winding.None, SpiralCues(5, 10), new SeededRandom(1)));
    }

    [TestMethod]
    public void InvalidModelIsRejectedNamingTheParameter()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new VolunteerSimulator(new VolunteerModel { RandomVoteRate = 1.5 }));
        Assert.AreEqual(nameof(VolunteerModel.RandomVoteRate), e.ParamName);
    }
}
