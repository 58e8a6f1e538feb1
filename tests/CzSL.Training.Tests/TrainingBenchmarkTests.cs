using CzSL.Training.Modules;
using CzSL.Training.Presets;
using CzSL.Training.Stages;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class TrainingBenchmarkTests
{
    [TestMethod]
    public void BenchmarkReportsPositiveThroughputAndPeakMemory()
    {
        var (store, _) = SyntheticImages.Create(64, 64);
        var messages = new List<string>();
        var result = TrainingBenchmark.Run(store, Enumerable.Range(0, 64).ToArray(), Preset.Paper, 64, batchSize: 32, epochs: 2, inferencePasses: 1,
            progress: new SyntheticImages.SyncProgress<string>(messages.Add));
        Assert.AreEqual("paper", result.Preset);
        Assert.IsGreaterThan(0.0, result.AutoencoderTrainImagesPerSecond);
        Assert.IsGreaterThan(0.0, result.ClassifierTrainImagesPerSecond);
        Assert.IsGreaterThan(0.0, result.InferenceImagesPerSecond);
        Assert.IsGreaterThan(50L << 20, result.PeakResidentBytes);
        Assert.HasCount(3, messages);
    }
}
