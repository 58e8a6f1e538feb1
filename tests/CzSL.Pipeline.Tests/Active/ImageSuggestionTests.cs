using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Models;
using CzSL.DataPrep.Simulation;
using CzSL.Pipeline.Active;
using CzSL.Pipeline.Export;
using CzSL.Training;
using CzSL.Training.Modules;
using CzSL.Training.Presets;

namespace CzSL.Pipeline.Tests.Active;

/// <summary>
/// <see cref="ImageSuggestion"/> on a simulated 16 px dataset scored by a real exported ES classifier (randomly
/// initialised: any CNN will do to check which galaxies are scored and how the picks follow its scores).
/// </summary>
[TestClass]
public sealed class ImageSuggestionTests
{
    private static string _root = null!;
    private static string _card = null!;

    [ClassInitialize]
    public static void Init(TestContext _)
    {
        _root = Directory.CreateTempSubdirectory("czsl-image-suggest-").FullName;
        TorchRuntime.Initialise(2, "cpu");
        TorchRuntime.Seed(3);
        using var network = new CzslClassifier(Preset.Small.Network(2, 16));
        _card = ModelPackage.ExportClassifier(network, Path.Combine(_root, "models"), "es", Scenario.ES,
            new Dictionary<string, long>(), new Dictionary<string, double>()).CardPath;
    }

    [ClassCleanup]
    public static void Cleanup() => Directory.Delete(_root, recursive: true);

    [TestMethod]
    public void SameSeedSamePicksAndAnotherSeedReordersOnlyIdenticalImages()
    {
        // Each of four unlabelled galaxies' image listed twice more under other ids: three exact ties per image.
        var folder = Simulate("ties");
        var records = DatasetManifest.Load(folder).Records;
        var copied = records.Where(r => r.ExpertES is null).Take(4).ToArray();
        DatasetManifest.Save(folder, [.. records, .. copied.SelectMany(r => new[] { r with { Id = r.Id + "-b" }, r with { Id = r.Id + "-c" } })]);
        var manifest = DatasetManifest.Load(folder);
        var all = manifest.Records.Count(r => r.ExpertES is null);

        var runs = Enumerable.Range(1, 8).Select(seed => ImageSuggestion.For(manifest, Scenario.ES, all, ActiveStrategy.CnnEntropy, (ulong)seed, _card).Suggestion.Picks).ToArray();
        var again = ImageSuggestion.For(manifest, Scenario.ES, all, ActiveStrategy.CnnEntropy, 1, _card).Suggestion.Picks;

        CollectionAssert.AreEqual(runs[0].Select(p => p.Id).ToArray(), again.Select(p => p.Id).ToArray(), "same seed, same picks");
        Assert.HasCount(all, runs[0]);
        foreach (var run in runs)
        {
            CollectionAssert.AreEqual(runs[0].Select(p => p.Uncertainty).ToArray(), run.Select(p => p.Uncertainty).ToArray(), "the same score at every rank");
            for (var k = 0; k < run.Count; k++)
                if (run[k].Id != runs[0][k].Id)
                    Assert.AreEqual(Root(runs[0][k].Id), Root(run[k].Id), $"rank {k + 1}: another seed may only swap copies of one image");
        }
        foreach (var original in copied)
        {
            var ranks = runs[0].Select((p, k) => (p, k)).Where(x => Root(x.p.Id) == original.Id).Select(x => x.k).ToArray();
            Assert.HasCount(3, ranks);
            Assert.AreEqual(2, ranks[2] - ranks[0], $"{original.Id}'s three copies tie, so they are ranked together");
        }
        Assert.IsTrue(runs.Select(r => string.Join(',', r.Select(p => p.Id))).Distinct().Count() > 1, "the seed breaks the ties (negative control)");
    }

    [TestMethod]
    public void LabelledGalaxiesAreNeverPickedByAnyCnnStrategy()
    {
        var manifest = DatasetManifest.Load(Simulate("labelled"));
        var labelled = manifest.Records.Where(r => r.ExpertES is not null).Select(r => r.Id).ToHashSet();
        Assert.IsNotEmpty(labelled);

        foreach (var strategy in new[] { ActiveStrategy.CnnEntropy, ActiveStrategy.CnnMargin, ActiveStrategy.CnnHybrid })
        {
            var result = ImageSuggestion.For(manifest, Scenario.ES, 1000, strategy, 2, _card);
            Assert.AreEqual(manifest.Records.Count - labelled.Count, result.Suggestion.Picks.Count, $"{strategy}: every unlabelled galaxy, once");
            Assert.AreEqual(result.Suggestion.Picks.Count, result.Suggestion.Picks.Select(p => p.Id).Distinct().Count());
            Assert.IsFalse(result.Suggestion.Picks.Any(p => labelled.Contains(p.Id)), $"{strategy} picked a labelled galaxy");
            Assert.AreEqual(labelled.Count, result.Suggestion.Labelled);
            Assert.IsEmpty(result.Unreadable);
        }
    }

    [TestMethod]
    public void UnreadableImagesAreReportedNotPickedAndAllUnreadableFails()
    {
        var folder = Simulate("broken");
        var manifest = DatasetManifest.Load(folder);
        var candidates = manifest.Records.Where(r => r.ExpertES is null).ToArray();
        var broken = candidates.Take(2).Select(r => r.Id).ToHashSet();
        foreach (var r in candidates.Take(2)) File.WriteAllText(manifest.ImagePath(r), "not a png");

        var result = ImageSuggestion.For(manifest, Scenario.ES, 1000, ActiveStrategy.CnnMargin, 1, _card);

        Assert.HasCount(2, result.Unreadable);
        CollectionAssert.AreEquivalent(broken.ToArray(), result.Unreadable.Select(p => p.Id).ToArray());
        StringAssert.Contains(result.Unreadable[0].Error, manifest.ManifestPath, "the error names the manifest line");
        StringAssert.Contains(result.Unreadable[0].Error, Path.GetFileName(manifest.ImagePath(candidates[0])), "and the file");
        Assert.AreEqual(candidates.Length - 2, result.Suggestion.Picks.Count);
        Assert.IsFalse(result.Suggestion.Picks.Any(p => broken.Contains(p.Id)));

        foreach (var r in candidates) File.WriteAllText(manifest.ImagePath(r), "not a png");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ImageSuggestion.For(manifest, Scenario.ES, 5, ActiveStrategy.CnnEntropy, 1, _card));
        StringAssert.Contains(e.Message, $"None of the {candidates.Length} candidate images could be read");
    }

    [TestMethod]
    public void ACardOfOtherClassesIsRefusedNamingCardAndScenario()
    {
        var manifest = DatasetManifest.Load(Simulate("mismatch"));

        var e = Assert.ThrowsExactly<ModelCardException>(() => ImageSuggestion.For(manifest, Scenario.ERL, 5, ActiveStrategy.CnnEntropy, 1, _card));

        StringAssert.Contains(e.Message, _card);
        StringAssert.Contains(e.Message, "scenario ERL");
        Assert.ThrowsExactly<ArgumentException>(() => ImageSuggestion.For(manifest, Scenario.ES, 5, ActiveStrategy.VoteMargin, 1, _card));
    }

    private static string Root(string id) => id.EndsWith("-b", StringComparison.Ordinal) || id.EndsWith("-c", StringComparison.Ordinal) ? id[..^2] : id;

    private static string Simulate(string name)
    {
        var folder = Path.Combine(_root, name);
        new GalaxySimulator(new SimulationOptions { Count = 40, Size = 16, ExpertFraction = 0.25, Seed = 11 }).Simulate(folder);
        return folder;
    }
}
