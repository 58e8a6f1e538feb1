using System.CommandLine;
using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;
using CzSL.Data.Manifest;

namespace CzSL.Cli.Tests.Suggest;

[TestClass]
public sealed class SuggestCommandTests
{
    [TestMethod]
    public async Task WithoutExpertLabelsItFallsBackToVoteMarginAndSaysSo()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder["data"], Table(labelled: 0));
        var reporter = new FakeReporter();

        var code = await Run(reporter, "--data", folder["data"], "--scenario", "es", "--budget", "3", "--out", folder["next.csv"]);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        reporter.Said("warn", "used the label-free vote-margin instead");
        var lines = File.ReadAllLines(folder["next.csv"]);
        Assert.AreEqual("rank,id,strategy,reason,probability,margin,disagreement,expected_gain,uncertainty", lines[0]);
        // Hand-computed: g2 splits 10 : 10, g5 9 : 11, g1 12 : 8 (margins 0, 0.1, 0.2).
        CollectionAssert.AreEqual(new[] { "g2", "g5", "g1" }, lines.Skip(1).Select(l => l.Split(',')[1]).ToArray());
    }

    [TestMethod]
    public async Task SameSeedSamePicksWithExpertLabels()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder["data"], Table(labelled: 30));
        string[] args = ["--data", folder["data"], "--scenario", "es", "--budget", "5", "--strategy", "committee", "--seed", "4"];

        Assert.AreEqual(ExitCodes.Success, await Run(new FakeReporter(), [.. args, "--out", folder["a.csv"]]));
        Assert.AreEqual(ExitCodes.Success, await Run(new FakeReporter(), [.. args, "--out", folder["b.csv"]]));

        var a = File.ReadAllLines(folder["a.csv"]);
        CollectionAssert.AreEqual(a, File.ReadAllLines(folder["b.csv"]));
        Assert.HasCount(6, a);
        Assert.IsTrue(a.Skip(1).All(l => l.Contains(",committee,models disagree", StringComparison.Ordinal)), string.Join('\n', a));
        var labelledIds = Table(30).Where(r => r.ExpertES is not null).Select(r => r.Id).ToHashSet();
        Assert.IsFalse(a.Skip(1).Any(l => labelledIds.Contains(l.Split(',')[1])), "already-labelled galaxies are not suggested");
    }

    [TestMethod]
    public async Task AGalaxyWithoutVotesIsRefusedNamingFileAndLine()
    {
        using var folder = new TempFolder();
        DatasetManifest.Save(folder["data"], [.. Table(0), new GalaxyRecord { Id = "novotes" }]);
        var reporter = new FakeReporter();

        var code = await Run(reporter, "--data", folder["data"], "--scenario", "es", "--budget", "2", "--out", folder["x.csv"]);

        Assert.AreEqual(ExitCodes.BadInput, code);
        reporter.Said("error", "manifest.csv");
        reporter.Said("error", "novotes");
        Assert.IsFalse(File.Exists(folder["x.csv"]));
        Assert.AreEqual(ExitCodes.BadInput, await Run(new FakeReporter(), "--data", folder["data"], "--scenario", "es", "--budget", "0", "--out", folder["x.csv"]));
    }

    private static Task<int> Run(FakeReporter reporter, params string[] args)
    {
        var root = new RootCommand("test") { SuggestCommand.Create(reporter) };
        return root.Parse(["suggest", .. args]).InvokeAsync();
    }

    /// <summary>40 galaxies; the first <paramref name="labelled"/> carry the ES expert label (the votes' majority, alternating classes).</summary>
    private static GalaxyRecord[] Table(int labelled)
    {
        var records = new GalaxyRecord[40];
        for (var i = 0; i < records.Length; i++)
        {
            var el = i switch { 1 => 12, 2 => 10, 5 => 9, _ => i % 2 == 0 ? 18 : 1 };
            records[i] = new GalaxyRecord
            {
                Id = $"g{i}",
                Votes = new VoteCounts(el, 20 - el, 0, 0, 1, 0),
                ExpertES = i < labelled ? (el >= 10 ? "elliptical" : "spiral") : null,
            };
        }
        return records;
    }
}
