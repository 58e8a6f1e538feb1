using System.Globalization;
using CzSL.Cli.Tests.Data;
using CzSL.Data;
using CzSL.Data.Csv;
using CzSL.Data.Manifest;
using CzSL.Training;
using CzSL.Training.Modules;
using CzSL.Training.Presets;
using Czsl = CzSL.Cli.Tests.Reliability.Cli;

namespace CzSL.Cli.Tests.Suggest;

/// <summary>
/// <c>czsl suggest --strategy cnn-*</c> on a simulated 16 px dataset with an exported ERL classifier (randomly
/// initialised: three classes, so entropy and margin rank differently). The expectations come from a separate
/// <c>czsl predict</c> CSV of the same images.
/// </summary>
[TestClass]
public sealed class ImageSuggestCommandTests
{
    private const int Budget = 8;
    private static TempFolder _temp = null!;
    private static string Data => _temp["data"];
    private static string Card => Path.Combine(_temp["models"], "erl.card.json");

    [ClassInitialize]
    public static async Task Init(TestContext _)
    {
        _temp = new TempFolder();
        await Czsl.Ok("simulate", "--count", "40", "--size", "16", "--expert-fraction", "0.25", "--seed", "7", "--out", Data);
        TorchRuntime.Initialise(2, "cpu");
        TorchRuntime.Seed(5);
        var config = Preset.Small.Network(3, 16);
        using (var model = new CzslClassifier(config)) ModelFiles.Save(_temp["network"], model, config);
        await Czsl.Ok("export", "--model", _temp["network"], "--scenario", "erl", "--name", "erl", "--out", _temp["models"]);
        // The MC-dropout model: the same kind of network with its output layer scaled up, so that the dropout samples
        // disagree by far more than float rounding (a random network's mutual information is ~1e-5 and ties).
        using (var model = new CzslClassifier(config))
        {
            using (TorchSharp.torch.no_grad())
                model.named_parameters().Single(p => p.name == "classifier.fc.weight").parameter.mul_(40);
            ModelFiles.Save(_temp["mc-network"], model, config);
        }
        await Czsl.Ok("export", "--model", _temp["mc-network"], "--scenario", "erl", "--name", "erl-mc", "--mc-dropout", "10", "--out", _temp["models"]);
    }

    private static string MonteCarloCard => Path.Combine(_temp["models"], "erl-mc.card.json");

    [TestMethod]
    public async Task CnnBaldPicksTheLargestEpistemicValuesOfThePredictCsvAndNeedsAnMcDropoutModel()
    {
        var csv = _temp["predict-mc.csv"];
        await Czsl.Ok("predict", "--model", MonteCarloCard, "--out", csv, Path.Combine(Data, "manifest.csv"));
        var unlabelled = DatasetManifest.Load(Data).Records.Where(r => r.Expert(Scenario.ERL) is null).Select(r => r.Id).ToHashSet();
        var table = CsvTable.Open(csv);
        int id = table.Require("id"), epistemic = table.Require("epistemic");
        var expected = table.Rows.Select(r => (Id: table.Text(r, id)!, I: table.Number(r, epistemic)))
            .Where(s => unlabelled.Contains(s.Id)).OrderByDescending(s => s.I).ToArray();
        Assert.IsTrue(expected[Budget - 1].I - expected[Budget].I > 1e-4, "no near-tie at the budget's edge: the expected picks are unique");

        var baldCsv = _temp["bald.csv"];
        await Czsl.Ok("suggest", "--data", Data, "--scenario", "erl", "--budget", $"{Budget}", "--strategy", "cnn-bald", "--model", MonteCarloCard, "--out", baldCsv);
        var picks = CsvTable.Open(baldCsv);
        int pickId = picks.Require("id"), disagreement = picks.Require("disagreement");
        CollectionAssert.AreEqual(expected.Take(Budget).Select(e => e.Id).ToArray(), picks.Rows.Select(r => picks.Text(r, pickId)).ToArray());
        foreach (var (row, k) in picks.Rows.Select((r, k) => (r, k))) Assert.AreEqual(expected[k].I, picks.Number(row, disagreement), 1e-6);

        var (code, reporter) = await Czsl.Run("suggest", "--data", Data, "--scenario", "erl", "--budget", "3", "--strategy", "cnn-bald", "--model", Card, "--out", _temp["plain-bald.csv"]);
        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "--mc-dropout");
        Assert.IsFalse(File.Exists(_temp["plain-bald.csv"]));
    }

    [ClassCleanup]
    public static void Cleanup() => _temp.Dispose();

    [TestMethod]
    public async Task CnnEntropyPicksTheUnlabelledGalaxiesOfLargestEntropyInThePredictCsv()
    {
        var expected = await Expected(p => -Entropy(p));
        var picks = await Suggest("cnn-entropy", "entropy.csv");

        CollectionAssert.AreEqual(expected.Take(Budget).Select(e => e.Id).ToArray(), picks.Select(p => p.Id).ToArray());
        foreach (var pick in picks)
        {
            var p = expected.Single(e => e.Id == pick.Id).P;
            Assert.AreEqual(1 - p.Max(), pick.Gain, 1e-6, "expected gain = 1 − max p");
            Assert.AreEqual(Entropy(p), pick.Uncertainty, 1e-6);
            StringAssert.StartsWith(pick.Reason, "CNN unsure: p ");
        }
    }

    [TestMethod]
    public async Task CnnMarginPicksTheUnlabelledGalaxiesOfSmallestTopTwoMarginInThePredictCsv()
    {
        var expected = await Expected(Margin);
        var picks = await Suggest("cnn-margin", "margin.csv");

        CollectionAssert.AreEqual(expected.Take(Budget).Select(e => e.Id).ToArray(), picks.Select(p => p.Id).ToArray());
        foreach (var pick in picks) Assert.AreEqual(Margin(expected.Single(e => e.Id == pick.Id).P), pick.Margin, 1e-6);
        var byEntropy = (await Expected(p => -Entropy(p))).Take(Budget).Select(e => e.Id).ToArray();
        CollectionAssert.AreNotEqual(byEntropy, picks.Select(p => p.Id).ToArray(), "on three classes margin and entropy rank differently (the test tells them apart)");
    }

    [TestMethod]
    public async Task AnUnreadableImageIsReportedAndNotPickedAndNoneReadableIsBadInput()
    {
        using var copy = new TempFolder();
        var folder = CopyData(copy);
        var manifest = DatasetManifest.Load(folder);
        var candidates = manifest.Records.Where(r => r.ExpertERL is null).ToArray();
        var broken = manifest.ImagePath(candidates[3]);
        File.WriteAllBytes(broken, [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var (code, reporter) = await Czsl.Run("suggest", "--data", folder, "--scenario", "erl", "--budget", "100", "--strategy", "cnn-entropy",
            "--model", Card, "--out", copy["next.csv"]);

        Assert.AreEqual(ExitCodes.Success, code, string.Join('\n', reporter.Lines));
        var warning = reporter.Said("warn", "1 of the images could not be read");
        StringAssert.Contains(warning, broken);
        var ids = File.ReadAllLines(copy["next.csv"]).Skip(1).Select(l => l.Split(',')[1]).ToArray();
        Assert.HasCount(candidates.Length - 1, ids, "every other unlabelled galaxy is suggested");
        CollectionAssert.DoesNotContain(ids, candidates[3].Id);

        foreach (var r in candidates) File.WriteAllText(manifest.ImagePath(r), "no image");
        (code, reporter) = await Czsl.Run("suggest", "--data", folder, "--scenario", "erl", "--budget", "3", "--strategy", "cnn-margin",
            "--model", Card, "--out", copy["none.csv"]);
        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "candidate images could be read");
        Assert.IsFalse(File.Exists(copy["none.csv"]));
    }

    [TestMethod]
    public async Task VotesAreNotNeededButTheModelIsAndItsClassesMustBeTheScenarios()
    {
        using var copy = new TempFolder();
        var folder = CopyData(copy);
        DatasetManifest.Save(folder, DatasetManifest.Load(folder).Records.Select(r => r with { Votes = null }));

        await Czsl.Ok("suggest", "--data", folder, "--scenario", "erl", "--budget", "3", "--strategy", "cnn-hybrid", "--model", Card, "--out", copy["a.csv"]);
        Assert.HasCount(4, File.ReadAllLines(copy["a.csv"]));

        var (code, reporter) = await Czsl.Run("suggest", "--data", folder, "--scenario", "erl", "--budget", "3", "--strategy", "cnn-entropy", "--out", copy["b.csv"]);
        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "--model");
        (code, reporter) = await Czsl.Run("suggest", "--data", Data, "--scenario", "erl", "--budget", "3", "--strategy", "vote-margin", "--model", Card, "--out", copy["c.csv"]);
        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "--model is read only by the cnn-* strategies");
        (code, reporter) = await Czsl.Run("suggest", "--data", Data, "--scenario", "es", "--budget", "3", "--strategy", "cnn-entropy", "--model", Card, "--out", copy["d.csv"]);
        var error = Czsl.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, Card);
        StringAssert.Contains(error, "scenario ES");
        (code, reporter) = await Czsl.Run("suggest", "--data", folder, "--scenario", "erl", "--budget", "3", "--strategy", "vote-margin", "--out", copy["e.csv"]);
        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "has no votes");
        Assert.IsFalse(new[] { "b.csv", "c.csv", "d.csv", "e.csv" }.Any(f => File.Exists(copy[f])));
    }

    private sealed record Pick(string Id, string Reason, double Gain, double Margin, double Uncertainty);

    private sealed record Scored(string Id, double[] P);

    private static async Task<Pick[]> Suggest(string strategy, string file)
    {
        var csv = _temp[file];
        await Czsl.Ok("suggest", "--data", Data, "--scenario", "erl", "--budget", $"{Budget}", "--strategy", strategy, "--model", Card, "--seed", "3", "--out", csv);
        var table = CsvTable.Open(csv);
        int id = table.Require("id"), reason = table.Require("reason"), gain = table.Require("expected_gain"), margin = table.Require("margin"), uncertainty = table.Require("uncertainty");
        var picks = table.Rows.Select(r => new Pick(table.Text(r, id)!, table.Text(r, reason)!, table.Number(r, gain), table.Number(r, margin), table.Number(r, uncertainty))).ToArray();
        Assert.HasCount(Budget, picks);
        return picks;
    }

    /// <summary>The unlabelled galaxies scored by <c>czsl predict</c> on the manifest, sorted by <paramref name="key"/> (ascending).</summary>
    private static async Task<Scored[]> Expected(Func<double[], double> key)
    {
        var csv = _temp["predict-" + Guid.NewGuid().ToString("N") + ".csv"];
        await Czsl.Ok("predict", "--model", Card, "--out", csv, Path.Combine(Data, "manifest.csv"));
        var unlabelled = DatasetManifest.Load(Data).Records.Where(r => r.Expert(Scenario.ERL) is null).Select(r => r.Id).ToHashSet();
        var table = CsvTable.Open(csv);
        var id = table.Require("id");
        int[] p = [.. ScenarioClasses.ERL.Select(c => table.Require("p_" + c))];
        var scored = table.Rows.Select(r => new Scored(table.Text(r, id)!, [.. p.Select(c => double.Parse(table.Text(r, c)!, CultureInfo.InvariantCulture))]))
            .Where(s => unlabelled.Contains(s.Id)).OrderBy(s => key(s.P)).ToArray();
        Assert.IsGreaterThan(Budget, scored.Length);
        Assert.IsTrue(key(scored[Budget].P) - key(scored[Budget - 1].P) > 1e-9, "no tie at the budget's edge: the expected picks are unique");
        return scored;
    }

    private static double Entropy(double[] p) => -p.Where(v => v > 0).Sum(v => v * Math.Log(v)) / Math.Log(p.Length);

    private static double Margin(double[] p)
    {
        var sorted = p.OrderDescending().ToArray();
        return sorted[0] - sorted[1];
    }

    private static string CopyData(TempFolder into)
    {
        var folder = into["data"];
        Directory.CreateDirectory(Path.Combine(folder, "images"));
        File.Copy(Path.Combine(Data, "manifest.csv"), Path.Combine(folder, "manifest.csv"));
        foreach (var image in Directory.GetFiles(Path.Combine(Data, "images")))
            File.Copy(image, Path.Combine(folder, "images", Path.GetFileName(image)));
        return folder;
    }
}
