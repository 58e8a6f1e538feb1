using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Tests.Recipe;
using CzSL.Reporting;

namespace CzSL.Pipeline.Tests.Comparison;

/// <summary>A dataset with only expert labels and no votes still runs to a report: what cannot run is skipped with a note.</summary>
[TestClass]
public sealed class OneLabelKindComparisonTests
{
    [TestMethod]
    public void ACompareWithoutVotesSkipsTheAmateurStagesAndWritesTheReport()
    {
        var folder = Directory.CreateTempSubdirectory("czsl-novotes-").FullName;
        var records = TinyDataset.Manifest.Records
            .Select(r => r with { Votes = null, Consensus = null, EllipticalDebiased = null, SpiralDebiased = null, Image = Path.Combine(TinyDataset.Folder, r.Image!) })
            .ToList();
        DatasetManifest.Save(folder, records);
        var manifest = DatasetManifest.Load(folder);
        var settings = new ExperimentSettings
        {
            Recipe = TinyDataset.Options, Scenarios = [Scenario.ES], Repeats = 1, TestFraction = 0.5, Seed = 3,
            Baselines = new BaselineSettings { Trainers = [] },
        };
        var log = new List<string>();
        var output = new ComparisonRunner(settings, log: log.Add).Run(manifest, ExperimentSplits.Holdout(manifest.Records, 1, 0.5, 3),
            Path.Combine(folder, "out"), null, "no votes");

        Assert.IsTrue(File.Exists(Path.Combine(folder, "out", ReportWriter.MarkdownFile)), string.Join("\n", log));
        var methods = output.Result.Scenarios.Single().Methods.Select(m => m.Name).ToList();
        CollectionAssert.IsSubsetOf(new[] { "expert-only", "no-amateur" }, methods);
        Assert.DoesNotContain("czsl", methods, "CzSL needs amateur labels: with none it is skipped, not faked");
        Assert.IsTrue(log.Any(l => l.Contains("czsl skipped", StringComparison.Ordinal) && l.Contains("amateur-labelled", StringComparison.Ordinal)),
            string.Join("\n", log));
        Assert.IsEmpty(output.Models, "nothing to export without a CzSL network");
    }
}
