using System.Diagnostics;
using CzSL.Cli.Tests.Data;
using CzSL.MLNet.Scoring;

namespace CzSL.Cli.Tests.Reliability;

/// <summary>
/// The real executable, in its own process: ONNX Runtime's native logger writes straight to the process's stderr,
/// which only a child process lets a test see.
/// </summary>
[TestClass]
public sealed class ConsoleStreamTests
{
    private static ModelFixture _fx = null!;

    [ClassInitialize]
    public static async Task Init(TestContext _) => _fx = await ModelFixture.Create();

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    private static (int Code, string Stdout, string Stderr) Czsl(params string[] args)
    {
        var czsl = Path.Combine(AppContext.BaseDirectory, "czsl.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(czsl);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)), "czsl did not finish");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [TestMethod]
    public void Device_auto_prints_one_plain_provider_line_and_nothing_on_stderr()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = Czsl("predict", "--model", _fx.Card, "--device", "auto", "--out", temp["p.csv"], _fx.Images);
        Assert.AreEqual(0, code, stdout + stderr);
        Assert.AreEqual("", stderr, "no ONNX Runtime error line (e.g. about libcublasLt) on stderr");
        var provider = stdout.Split('\n').Where(l => l.StartsWith("execution provider: ", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, provider, stdout);
        StringAssert.StartsWith(provider[0], CudaProbe.IsAvailable ? "execution provider: CUDA" : "execution provider: CPU (CUDA unavailable: ");
    }

    [TestMethod]
    public void Errors_go_to_stderr_as_one_line()
    {
        using var temp = new TempFolder();
        var (code, stdout, stderr) = Czsl("predict", "--model", temp["absent.card.json"], "--out", temp["p.csv"], _fx.Images);
        Assert.AreEqual(ExitCodes.BadInput, code);
        Assert.IsFalse(stdout.Contains("error:", StringComparison.Ordinal), stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.HasCount(1, lines, stderr);
        StringAssert.StartsWith(lines[0], "error: ");
        StringAssert.Contains(lines[0], "absent.card.json");
    }
}
