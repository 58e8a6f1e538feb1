using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Simulation;

namespace CzSL.DataPrep.Tests.Simulation;

[TestClass]
public sealed class GalaxySimulatorTests
{
    private const int ImageCount = 300;
    private const int RecordCount = 8000;
    private static string _root = "";
    private static SimulationSummary _summary = null!;
    private static DatasetManifest _dataset = null!;
    private static IReadOnlyList<GalaxyRecord> _records = null!;
    private static readonly List<SimulationProgress> Progress = [];

    private static SimulationOptions Small(int threads) => new() { Count = ImageCount, Seed = 42, MaxDegreeOfParallelism = threads };

    [ClassInitialize]
    public static void Simulate(TestContext _)
    {
        _root = Path.Combine(Path.GetTempPath(), "czsl-sim-tests-" + Guid.NewGuid().ToString("N"));
        _summary = new GalaxySimulator(Small(2)).Simulate(Path.Combine(_root, "a"), new SyncProgress(Progress));
        _dataset = DatasetManifest.Load(Path.Combine(_root, "a"));
        _records = new GalaxySimulator(new SimulationOptions { Count = RecordCount, Seed = 42 }).SimulateRecords();
    }

    [ClassCleanup]
    public static void Cleanup()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    [TestMethod]
    public void ManifestLoadsBackWithEveryImageAndColumn()
    {
        Assert.AreEqual(ImageCount, _dataset.Records.Count);
        Assert.AreEqual(0, _dataset.Skipped.Count);
        var first = _dataset.Records[0];
        Assert.AreEqual("sim000001", first.Id);
        Assert.AreEqual("images/sim000001.png", first.Image);
        Assert.AreEqual(0, first.Order);
        foreach (var r in _dataset.Records)
        {
            Assert.IsNotNull(r.Votes);
            Assert.IsNotNull(r.TruthType);
            Assert.IsNotNull(r.TruthMG);
            Assert.IsTrue(File.Exists(_dataset.ImagePath(r)), r.Id);
        }
        Assert.AreEqual(ImageCount, _summary.Count);
        Assert.AreEqual(ImageCount, _summary.TypeCounts.Values.Sum());
    }

    [TestMethod]
    public void TruthColumnsFollowTheType()
    {
        foreach (var r in _records)
        {
            switch (r.TruthType)
            {
                case "E" or "S0":
                    Assert.AreEqual(("elliptical", "elliptical", "non_merger"), (r.TruthES, r.TruthERL, r.TruthMG), r.Id);
                    break;
                case "Sa" or "Sb" or "Sc" or "Sd":
                    Assert.AreEqual("spiral", r.TruthES, r.Id);
                    Assert.IsTrue(r.TruthERL is "clockwise" or "anticlockwise", r.Id);
                    break;
                case "edge_on" or "irregular":
                    Assert.AreEqual(("spiral", (string?)null, "non_merger"), (r.TruthES, r.TruthERL, r.TruthMG), r.Id);
                    break;
                case "merger":
                    Assert.AreEqual(((string?)null, (string?)null, "merger"), (r.TruthES, r.TruthERL, r.TruthMG), r.Id);
                    break;
                default:
                    Assert.Fail($"unknown truth_type '{r.TruthType}'");
                    break;
            }
        }
    }

    [TestMethod]
    public void ClassBalanceAndMergerFractionMatchTheOptions()
    {
        var n = (double)_records.Count;
        double Share(params string[] types) => _records.Count(r => types.Contains(r.TruthType)) / n;
        Assert.AreEqual(0.065, Share("merger"), 0.012, "mergers");
        var nonMerger = 1 - Share("merger");
        Assert.AreEqual(0.39, Share("E", "S0") / nonMerger, 0.025, "early types among non-mergers");
        Assert.AreEqual(0.48, Share("Sa", "Sb", "Sc", "Sd") / nonMerger, 0.025, "wound spirals among non-mergers");
        Assert.AreEqual(0.10, Share("edge_on") / nonMerger, 0.015, "edge-on");
        var clockwise = _records.Count(r => r.TruthERL == "clockwise");
        var anticlockwise = _records.Count(r => r.TruthERL == "anticlockwise");
        Assert.AreEqual(0.5, clockwise / (double)(clockwise + anticlockwise), 0.03, "winding balance");
    }

    [TestMethod]
    public void ExpertsLabelExactlyTheExpertFractionAndMostlyAgreeWithTruth()
    {
        var experts = _records.Where(r => r.ExpertMG is not null).ToList();
        Assert.AreEqual((int)Math.Round(RecordCount * 0.05), experts.Count);
        Assert.IsTrue(_records.All(r => r.ExpertMG is not null || (r.ExpertES is null && r.ExpertERL is null)));
        Assert.IsTrue(experts.All(r => (r.ExpertES is null) == (r.TruthES is null) && (r.ExpertERL is null) == (r.TruthERL is null)));
        var wrong = experts.Count(r => r.ExpertES != r.TruthES || r.ExpertERL != r.TruthERL);
        Assert.IsTrue(wrong <= 0.02 * experts.Count + 12, $"{wrong} of {experts.Count} expert labels differ from the truth");
        Assert.AreEqual(_summary.ExpertCount, (int)Math.Round(ImageCount * 0.05));
    }

    [TestMethod]
    public void VoteCountsLookLikeTheGz1Tables()
    {
        var stats = VoteCountStats.Of(_records.Select(r => r.Votes!.Value.Total).ToArray());
        Assert.IsTrue(stats.Min >= 10 && stats.Max <= 89, $"range {stats.Min}–{stats.Max}");
        Assert.IsTrue(stats.Median is >= 32 and <= 36, $"median {stats.Median}");
    }

    [TestMethod]
    public void AmateurMajorityAgreesWithTruthLikeThePaperTables()
    {
        var a = AmateurAgreement.WithTruth(_records);
        Assert.IsTrue(a.ESAccuracy is > 0.88 and < 0.96, $"ES {a.ESAccuracy:F4}");
        Assert.IsTrue(a.ERLAccuracy is > 0.87 and < 0.95, $"ERL {a.ERLAccuracy:F4}");
        Assert.IsTrue(a.ERLAccuracy < a.ESAccuracy + 0.01, $"winding errors make ERL ({a.ERLAccuracy:F4}) no easier than ES ({a.ESAccuracy:F4})");
        Assert.IsTrue(a.MergerGMean is > 0.7 and < 0.88, $"merger G-mean {a.MergerGMean:F3}");
        Assert.IsTrue(a.MergerTrueNegativeRate > 0.99, $"merger TNR {a.MergerTrueNegativeRate:F4}");
    }

    [TestMethod]
    public void DistantSpiralsAreVotedEllipticalMoreOften()
    {
        var simulator = new GalaxySimulator(new SimulationOptions { Count = RecordCount, Seed = 42 });
        var near = new List<double>();
        var far = new List<double>();
        foreach (var r in _records.Where(r => r.TruthType is "Sa" or "Sb" or "Sc" or "Sd"))
        {
            var distance = simulator.Galaxy(r.Order!.Value).Cues.Distance;
            var share = r.Votes!.Value.Elliptical / (double)r.Votes.Value.Total;
            if (distance < 0.33) near.Add(share);
            else if (distance > 0.67) far.Add(share);
        }
        Assert.IsTrue(far.Average() > near.Average() + 0.05, $"elliptical share: far {far.Average():F3}, near {near.Average():F3}");
    }

    [TestMethod]
    public void SameSeedGivesIdenticalFilesWhateverTheThreads()
    {
        var other = Path.Combine(_root, "b");
        new GalaxySimulator(Small(1)).Simulate(other);
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(_root, "a", "manifest.csv")), File.ReadAllBytes(Path.Combine(other, "manifest.csv")));
        foreach (var r in _dataset.Records.Take(40))
            CollectionAssert.AreEqual(File.ReadAllBytes(_dataset.ImagePath(r)), File.ReadAllBytes(Path.Combine(other, r.Image!)), r.Id);
        var records = new GalaxySimulator(Small(2)).SimulateRecords();
        CollectionAssert.AreEqual(_dataset.Records.Select(r => r with { Image = null }).ToArray(), records.ToArray(), "records without images match");
    }

    [TestMethod]
    public void OtherSeedGivesOtherData()
    {
        var a = new GalaxySimulator(new SimulationOptions { Count = 50, Seed = 1 }).SimulateRecords();
        var b = new GalaxySimulator(new SimulationOptions { Count = 50, Seed = 2 }).SimulateRecords();
        Assert.IsTrue(a.Zip(b).Count(p => p.First.Votes != p.Second.Votes) > 40);
    }

    [TestMethod]
    public void ImagesAreNeitherBlankNorSaturated()
    {
        foreach (var r in _dataset.Records.Take(60))
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(_dataset.ImagePath(r));
            Assert.AreEqual((64, 64), (bitmap.Width, bitmap.Height), r.Id);
            var values = new List<double>();
            var centre = 0.0;
            for (var y = 0; y < 64; y++)
                for (var x = 0; x < 64; x++)
                {
                    var p = bitmap.GetPixel(x, y);
                    var v = (p.Red + p.Green + p.Blue) / 3.0;
                    values.Add(v);
                    if (Math.Abs(x - 31.5) < 4 && Math.Abs(y - 31.5) < 4) centre = Math.Max(centre, v);
                }
            var mean = values.Average();
            var sd = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
            Assert.IsTrue(sd > 2, $"{r.Id} ({r.TruthType}): pixel sd {sd:F2}");
            Assert.IsTrue(centre > 20, $"{r.Id} ({r.TruthType}): centre peak {centre:F0}");
            Assert.IsTrue(values.Count(v => v >= 254) < 0.05 * values.Count, $"{r.Id}: more than 5% saturated");
        }
    }

    [TestMethod]
    public void ProgressIsReportedUpToTheTotal()
    {
        Assert.IsTrue(Progress.Count >= 2);
        Assert.AreEqual(new SimulationProgress(ImageCount, ImageCount), Progress.MaxBy(p => p.Completed));
        Assert.IsTrue(Progress.All(p => p.Total == ImageCount && p.Completed is > 0 and <= ImageCount));
    }

    [TestMethod]
    public void InvalidOptionsAreRejectedNamingTheSetting()
    {
        var e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GalaxySimulator(new SimulationOptions { ExpertFraction = 1.5 }));
        Assert.AreEqual(nameof(SimulationOptions.ExpertFraction), e.ParamName);
        e = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => new GalaxySimulator(new SimulationOptions { Size = 4 }));
        Assert.AreEqual(nameof(SimulationOptions.Size), e.ParamName);
    }

    /// <summary>Collects reports on the calling thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SyncProgress(List<SimulationProgress> sink) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value)
        {
            lock (sink) sink.Add(value);
        }
    }
}
