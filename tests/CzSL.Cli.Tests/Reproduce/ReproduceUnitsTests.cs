using System.Diagnostics;
using System.Text.Json;
using CzSL.Cli.Commands;
using CzSL.Data;
using CzSL.Pipeline.Paper;
using CzSL.Pipeline.Paper.Units;

namespace CzSL.Cli.Tests.Reproduce;

[TestClass]
public sealed class ReproduceUnitsTests
{
    [TestMethod]
    public void TheFullPlanHasOneAutoencoderPerTableFoldThenOneRunPerVariantFoldAndExecution()
    {
        var plan = PaperPlan.Create(PaperVariant.All, [1, 2, 3, 4, 5], 10);
        // 2 tables × 5 folds autoencoders; 5 variants × 5 folds × 10 executions runs.
        Assert.HasCount(10 + 250, plan.Units);
        CollectionAssert.AreEqual(Enumerable.Range(0, 10).ToList(), plan.AutoencoderUnits.ToList());
        CollectionAssert.AreEqual(Enumerable.Range(10, 250).ToList(), plan.RunUnits.ToList());
        Assert.AreEqual("autoencoder-esrl-fold1", plan.Units[0].Name);
        Assert.AreEqual("autoencoder-mg-fold1", plan.Units[5].Name);
        Assert.AreEqual("run-es-fold1-exec1", plan.Units[10].Name);
        Assert.AreEqual("run-mg-rus-fold5-exec10", plan.Units[259].Name);
        foreach (var run in plan.Units.Where(u => u.Kind == PaperUnitKind.Run))
        {
            // ES and ERL read the ESRL table (autoencoders 0..4), the MG variants the MG table (5..9); fold k → k - 1.
            var expected = (run.Variant!.Scenario == Scenario.MG ? 5 : 0) + run.Fold - 1;
            CollectionAssert.AreEqual(new[] { expected }, run.DependsOn.ToList(), run.Name);
        }
        Assert.IsTrue(plan.Units.Where(u => u.Kind == PaperUnitKind.Autoencoder).All(u => u.DependsOn.Count == 0));
        Assert.AreEqual(plan.Units.Count, plan.Units.Select(u => u.Name).Distinct().Count(), "unit folders must not collide");
    }

    [TestMethod]
    public async Task PlanWritesTheUnitRangesForTheArrays()
    {
        using var fixture = new ReproduceFixture();
        var dir = Path.Combine(fixture.Root, "plan");
        var reporter = new RecordingReporter();
        Assert.AreEqual(ExitCodes.Success, await Invoke(reporter, "--plan", dir, "--scenario", "erl", "--tables", fixture.Tables, "--images", fixture.Images,
            "--folds", "2,4", "--executions", "3"), string.Join("\n", reporter.Lines));
        CollectionAssert.AreEqual(new[] { "AUTOENCODER_UNITS=0-1", "RUN_UNITS=2-7", "UNITS=8" }, File.ReadAllLines(Path.Combine(dir, PaperPlanFile.EnvFileName)));
        var file = PaperPlanFile.Load(dir);
        Assert.AreEqual("run-erl-fold4-exec3", file.Plan.Units[7].Name);
        CollectionAssert.AreEqual(new[] { 1 }, file.Plan.Units[7].DependsOn.ToList());
        // Paths are stored absolute, so units run from any working directory.
        CollectionAssert.Contains(file.Arguments.ToList(), Path.GetFullPath(fixture.Tables));
        // Without --scenario: all five protocols, the MG ones on the MG table's autoencoders.
        var all = Path.Combine(fixture.Root, "plan-all");
        Assert.AreEqual(ExitCodes.Success, await Invoke(reporter, "--plan", all, "--tables", fixture.Tables, "--images", fixture.Images, "--folds", "1", "--executions", "1"));
        Assert.AreEqual("AUTOENCODER_UNITS=0-1", File.ReadLines(Path.Combine(all, PaperPlanFile.EnvFileName)).First());
    }

    [TestMethod]
    public void WithoutAPlanTheScenarioIsRequired()
    {
        // A parse error is what Program turns into exit 2; with --plan the same arguments parse.
        string[] args = ["reproduce", "--tables", "t", "--images", "i", "--folds", "1", "--executions", "1"];
        var errors = CzslCommand.Create(new RecordingReporter()).Parse(args).Errors.Select(e => e.Message).ToList();
        CollectionAssert.Contains(errors, "Option '--scenario' is required.");
        Assert.IsEmpty(CzslCommand.Create(new RecordingReporter()).Parse([.. args, "--plan", "p"]).Errors);
    }

    [TestMethod]
    public void TheUnitIndexComesFromTheOptionElseFromTheArrayVariables()
    {
        Assert.AreEqual(7, ReproduceUnits.UnitIndex("7"));
        var saved = ReproduceUnits.IndexVariables.Select(Environment.GetEnvironmentVariable).ToList();
        try
        {
            foreach (var v in ReproduceUnits.IndexVariables) Environment.SetEnvironmentVariable(v, null);
            Assert.ThrowsExactly<ArgumentException>(() => ReproduceUnits.UnitIndex(null));
            Environment.SetEnvironmentVariable("JOB_COMPLETION_INDEX", "4");
            Assert.AreEqual(4, ReproduceUnits.UnitIndex(null));
            Environment.SetEnvironmentVariable("SLURM_ARRAY_TASK_ID", "9");
            Assert.AreEqual(9, ReproduceUnits.UnitIndex(null));
            Assert.AreEqual(2, ReproduceUnits.UnitIndex("2"));
            Assert.ThrowsExactly<ArgumentException>(() => ReproduceUnits.UnitIndex("x"));
        }
        finally
        {
            for (var i = 0; i < saved.Count; i++) Environment.SetEnvironmentVariable(ReproduceUnits.IndexVariables[i], saved[i]);
        }
    }

    /// <remarks>
    /// The reference run and every unit run in their own <c>czsl</c> process, as on a cluster: in a process that has
    /// already trained other networks the last bits of a float sum can differ (libtorch's kernels depend on buffer
    /// alignment), e.g. 1e-10 in a CNN's log-loss.
    /// </remarks>
    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public async Task UnitsRunInAnyProcessOrderAndMergeToTheSingleProcessReport()
    {
        using var fixture = new ReproduceFixture();
        string[] protocol = ["--scenario", "es", "--tables", fixture.Tables, "--images", fixture.Images, "--folds", "1", "--executions", "2",
            "--epochs-scale", "0.02", "--transfer", "lbfgs-maxent", "--seed", "3"];
        var single = Path.Combine(fixture.Root, "single");
        var (code, output) = Czsl(["reproduce", .. protocol, "--threads", "1", "--out", single]);
        Assert.AreEqual(ExitCodes.Success, code, output);
        var dir = Path.Combine(fixture.Root, "plan");
        (code, output) = Czsl(["reproduce", "--plan", dir, .. protocol]);
        Assert.AreEqual(ExitCodes.Success, code, output);
        var units = Path.Combine(dir, "units");

        // A run before its autoencoder fails at once, naming the unit it needs, and leaves nothing behind.
        (code, output) = Unit(dir, 1);
        Assert.AreEqual(ExitCodes.BadInput, code, output);
        StringAssert.Contains(output, "unit 1 (run-es-fold1-exec1) needs unit 0 (autoencoder-esrl-fold1), which has not finished");
        Assert.IsFalse(Directory.Exists(Path.Combine(units, "run-es-fold1-exec1.partial")));

        // The autoencoder; run again, it is skipped (its results untouched).
        Assert.AreEqual(ExitCodes.Success, Unit(dir, 0).Code);
        var autoencoderResult = Path.Combine(units, "autoencoder-esrl-fold1", PaperUnitResult.FileName);
        var written = File.GetLastWriteTimeUtc(autoencoderResult);
        (code, output) = Unit(dir, 0);
        Assert.AreEqual(ExitCodes.Success, code, output);
        StringAssert.Contains(output, "had finished: skipped");
        Assert.AreEqual(written, File.GetLastWriteTimeUtc(autoencoderResult));

        // A killed unit: its work folder holds half-written files (a stale execution folder, a temporary file).
        var killed = Path.Combine(units, "run-es-fold1-exec2.partial");
        Directory.CreateDirectory(Path.Combine(killed, "exec2", "stale"));
        File.WriteAllText(Path.Combine(killed, "exec2", "stale", "weights.bin"), "half");
        File.WriteAllText(Path.Combine(killed, ".unit.json.0123456789abcdef0123456789abcdef.tmp"), "{");

        // The merge lists what is missing and writes no report yet.
        var reporter = new RecordingReporter();
        Assert.AreEqual(ExitCodes.CheckFailed, await Invoke(reporter, "--merge", dir));
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("error: unit 1 (run-es-fold1-exec1): not finished", StringComparison.Ordinal)), string.Join("\n", reporter.Lines));
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("error: unit 2 (run-es-fold1-exec2): not finished", StringComparison.Ordinal)), string.Join("\n", reporter.Lines));
        Assert.IsFalse(File.Exists(Path.Combine(dir, "report", "es", "report.json")));

        // Units in reverse order (the killed one reruns cleanly), then the merge.
        Assert.AreEqual(ExitCodes.Success, Unit(dir, 2).Code);
        Assert.AreEqual(ExitCodes.Success, Unit(dir, 1).Code);
        Assert.IsFalse(Directory.Exists(killed));
        Assert.IsFalse(Directory.Exists(Path.Combine(units, "run-es-fold1-exec2", "exec2", "stale")), "the killed run's leftovers survived");
        Assert.AreEqual(ExitCodes.Success, await Invoke(reporter, "--merge", dir), string.Join("\n", reporter.Lines));

        // Every metric of every method, fold and execution equals the single-process run's (timings aside).
        var merged = Metrics(Path.Combine(dir, "report", "es", "report.json"));
        var reference = Metrics(Path.Combine(single, "report.json"));
        Assert.IsGreaterThan(50, reference.Count);
        var differences = reference.Zip(merged).Where(p => p.First != p.Second).Select(p => $"{p.First} ≠ {p.Second}").ToList();
        Assert.IsEmpty(differences, string.Join("\n", differences.Take(10)));
        Assert.HasCount(reference.Count, merged);
    }

    /// <summary>Runs czsl in its own process; the exit code and stdout + stderr with line breaks (console wrapping) turned into spaces.</summary>
    private static (int Code, string Output) Czsl(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "czsl.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(3)), "czsl did not finish");
        var text = string.Join(" ", (stdout.Result + "\n" + stderr.Result).Split(['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));
        return (process.ExitCode, text);
    }

    private static (int Code, string Output) Unit(string dir, int index) =>
        Czsl("reproduce", "--plan", dir, "--unit", index.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", "1");

    private static Task<int> Invoke(RecordingReporter reporter, params string[] args) =>
        CzslCommand.Create(reporter).Parse(["reproduce", .. args]).InvokeAsync();

    /// <summary>Every number of report.json except timings (keys ending in _seconds), as "path=value", in document order.</summary>
    private static List<string> Metrics(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var values = new List<string>();
        void Walk(JsonElement e, string at)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject().Where(p => !p.Name.EndsWith("_seconds", StringComparison.Ordinal))) Walk(p.Value, at + "/" + p.Name);
                    break;
                case JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in e.EnumerateArray()) Walk(item, $"{at}[{i++}]");
                    break;
                case JsonValueKind.Number:
                    values.Add($"{at}={e.GetRawText()}");
                    break;
            }
        }
        Walk(json.RootElement, "");
        return values;
    }
}
