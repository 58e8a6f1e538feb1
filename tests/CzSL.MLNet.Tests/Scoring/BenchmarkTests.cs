using CzSL.Data;
using CzSL.MLNet.Scoring;

namespace CzSL.MLNet.Tests.Scoring;

[TestClass]
public sealed class BenchmarkTests
{
    public TestContext TestContext { get; set; } = null!;

    private static void AssertSane(InferenceBenchmarkResult r, int images)
    {
        Assert.AreEqual(images, r.Images);
        foreach (var rate in new[] { r.Decode, r.OrtBatch1, r.OrtBatch64, r.OrtEndToEnd, r.MlNetPredictionEngine, r.MlNetDataView })
            Assert.IsTrue(double.IsFinite(rate) && rate > 0, $"rate {rate}");
        Assert.IsTrue(r.DecodeShare is > 0 and < 1, $"decode share {r.DecodeShare}");
        Assert.AreEqual(Environment.ProcessorCount, r.Threads);
    }

    private void Log(InferenceBenchmarkResult r, string what) => TestContext.WriteLine(
        $"{what}: {r.Images} images, {r.Provider}, {r.Threads} threads — decode {r.Decode:F0}/s, ORT batch 1 {r.OrtBatch1:F0}/s, " +
        $"ORT batch 64 {r.OrtBatch64:F0}/s, decode+ORT {r.OrtEndToEnd:F0}/s, ML.NET engine {r.MlNetPredictionEngine:F0}/s, " +
        $"ML.NET data view {r.MlNetDataView:F0}/s, decode share {r.DecodeShare:P0}");

    [TestMethod]
    public void Benchmark_returns_positive_figures_for_every_route()
    {
        using var fx = new ScoringFixture(images: 10);
        var result = new InferenceBenchmark(fx.ErlCard, fx.ImagePaths).Run(repeats: 1);
        AssertSane(result, 10);
        Assert.AreEqual("CPU", result.Provider.ToString());
        Log(result, "tiny 8×8 model, generated images");
    }

    [TestMethod]
    public void Benchmark_on_real_gz1_images_at_64_pixels()
    {
        var images = SharedData.Gz1Images(out var reason);
        if (images is null)
        {
            Assert.Inconclusive($"Skipped: {reason}.");
            return;
        }
        var files = Directory.EnumerateFiles(images, "*.jpeg").Order(StringComparer.Ordinal).Take(32).ToList();
        var folder = Directory.CreateTempSubdirectory("czsl-bench-").FullName;
        try
        {
            var card = new TinyOnnxClassifier(ScenarioClasses.ES, 64, 64).WriteWithCard(folder, "bench");
            var result = new InferenceBenchmark(card, files).Run(repeats: 1);
            AssertSane(result, files.Count);
            Log(result, "tiny 64×64 model, real 423×423 GZ1 JPEGs");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
