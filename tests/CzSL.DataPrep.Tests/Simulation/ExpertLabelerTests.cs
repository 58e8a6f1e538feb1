using CzSL.Data;
using CzSL.DataPrep.Simulation;

namespace CzSL.DataPrep.Tests.Simulation;

[TestClass]
public sealed class ExpertLabelerTests
{
    private static readonly (GalaxyType Type, Winding Winding)[] Galaxies =
    [
        (GalaxyType.Elliptical, Winding.None), (GalaxyType.Lenticular, Winding.None), (GalaxyType.Sb, Winding.Clockwise),
        (GalaxyType.Sc, Winding.Anticlockwise), (GalaxyType.EdgeOn, Winding.None), (GalaxyType.Irregular, Winding.None),
        (GalaxyType.Merger, Winding.None),
    ];

    [TestMethod]
    public void WithoutErrorsExpertsGiveTheTruth()
    {
        var experts = new ExpertLabeler(0, 0.065);
        foreach (var (type, winding) in Galaxies)
        {
            var (es, erl, mg) = experts.Label(type, winding, new SeededRandom(1));
            Assert.AreEqual((GalaxyTypes.TruthES(type), GalaxyTypes.TruthERL(type, winding), GalaxyTypes.TruthMG(type)), (es, erl, mg), GalaxyTypes.Name(type));
        }
    }

    [TestMethod]
    public void MistakesHappenAtAboutTheErrorRateAndKeepESConsistentWithERL()
    {
        const double rate = 0.1;
        var experts = new ExpertLabeler(rate, 0.065);
        int erlWrong = 0, erlTotal = 0, mergerMissed = 0, mergers = 0, falseMergers = 0, others = 0;
        for (var i = 0; i < 20000; i++)
        {
            var (type, winding) = Galaxies[i % Galaxies.Length];
            var (es, erl, mg) = experts.Label(type, winding, SeededRandom.Derive(2, (ulong)i));
            if (GalaxyTypes.TruthERL(type, winding) is { } truth)
            {
                erlTotal++;
                if (erl != truth) erlWrong++;
                Assert.AreEqual(erl == "elliptical" ? "elliptical" : "spiral", es, "ES follows ERL");
            }
            if (type == GalaxyType.Merger)
            {
                mergers++;
                if (mg == "non_merger") mergerMissed++;
                Assert.IsNull(es);
            }
            else
            {
                others++;
                if (mg == "merger") falseMergers++;
            }
        }
        Assert.AreEqual(rate, (double)erlWrong / erlTotal, 0.015, "ERL error rate");
        Assert.AreEqual(rate, (double)mergerMissed / mergers, 0.025, "missed mergers");
        Assert.AreEqual(rate * 0.065 / 0.935, (double)falseMergers / others, 0.004, "false mergers");
    }

    [TestMethod]
    public void ErrorRateOutOfRangeIsRejected()
    {
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new ExpertLabeler(0.7, 0.065));
    }
}
