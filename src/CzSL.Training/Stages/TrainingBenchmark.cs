using System.Diagnostics;
using CzSL.Data.Images;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Native;
using CzSL.Training.Presets;

namespace CzSL.Training.Stages;

/// <summary>Throughput of one network preset on this machine.</summary>
/// <param name="Preset">The config's preset name.</param>
/// <param name="BatchSize">Images per step.</param>
/// <param name="Images">Images per epoch.</param>
/// <param name="AutoencoderTrainImagesPerSecond">Autoencoder training, median over the timed epochs.</param>
/// <param name="ClassifierTrainImagesPerSecond">Classifier training, median over the timed epochs.</param>
/// <param name="InferenceImagesPerSecond">Classifier probabilities (no test-time augmentation), best of the timed passes.</param>
/// <param name="PeakResidentBytes">Peak resident set of the process so far (VmHWM).</param>
/// <param name="Threads">libtorch intra-op threads.</param>
/// <param name="Device">Device name.</param>
public sealed record BenchmarkResult(string Preset, int BatchSize, int Images, double AutoencoderTrainImagesPerSecond, double ClassifierTrainImagesPerSecond,
    double InferenceImagesPerSecond, long PeakResidentBytes, int Threads, string Device);

/// <summary>Measures training and inference throughput of the stages as they run in experiments.</summary>
public static class TrainingBenchmark
{
    /// <summary>
    /// Trains an autoencoder and a classifier (random labels) for <paramref name="epochs"/> epochs over
    /// <paramref name="indices"/> with <paramref name="preset"/>'s network (<paramref name="size"/> px) and stage settings,
    /// without validation, checkpoints or early stopping; the first epoch is a warm-up and not timed. Then times
    /// <paramref name="inferencePasses"/> prediction passes.
    /// </summary>
    public static BenchmarkResult Run(ImageStore store, IReadOnlyList<int> indices, Preset preset, int size, int batchSize = 32, int epochs = 3,
        int inferencePasses = 3, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(preset);
        var config = preset.Network(2, size);
        ArgumentNullException.ThrowIfNull(indices);
        if (epochs < 2) throw new ArgumentOutOfRangeException(nameof(epochs), $"Need at least 2 epochs (the first is a warm-up), got {epochs}.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inferencePasses);
        var info = TorchRuntime.EnsureInitialised();

        var aeOptions = preset.Autoencoder;
        aeOptions = aeOptions with { Training = Timed(aeOptions.Training, batchSize, epochs), ValidationFraction = 0 };
        progress?.Report($"{preset.Name}: autoencoder, batch {batchSize}, {indices.Count} images × {epochs} epochs");
        var ae = AutoencoderStage.Train(store, indices, config, aeOptions);
        ae.Model.Dispose();

        var labels = indices.Select((_, i) => i % config.ClassCount).ToArray();
        var clOptions = preset.Classifier;
        clOptions = clOptions with { Training = Timed(clOptions.Training, batchSize, epochs) };
        progress?.Report($"{preset.Name}: classifier, batch {batchSize}");
        var cl = ClassifierStage.Train(store, indices, ClassTargets.Hard(labels, config.ClassCount), [], ClassTargets.Hard([], config.ClassCount), config, clOptions);
        using var model = cl.Model;

        progress?.Report($"{preset.Name}: inference, batch {batchSize}");
        var inference = 0.0;
        for (var pass = 0; pass <= inferencePasses; pass++)
        {
            var clock = Stopwatch.StartNew();
            ClassifierStage.Predict(model, store, indices, batchSize: batchSize);
            if (pass > 0) inference = Math.Max(inference, indices.Count / clock.Elapsed.TotalSeconds);
        }
        return new BenchmarkResult(preset.Name, batchSize, indices.Count, Median(ae.Training), Median(cl.Training), inference,
            ProcessMemory.PeakResidentBytes(), info.Threads, info.Device.ToString());
    }

    private static TrainingOptions Timed(TrainingOptions options, int batchSize, int epochs) => options with
    {
        Epochs = epochs, BatchSize = batchSize, Patience = null, CheckpointDirectory = null, Resume = false, CurvePath = null, Progress = null,
    };

    private static double Median(TrainingResult result)
    {
        var rates = result.History.Skip(1).Select(h => h.ImagesPerSecond).Order().ToArray();
        return rates.Length % 2 == 1 ? rates[rates.Length / 2] : (rates[rates.Length / 2 - 1] + rates[rates.Length / 2]) / 2;
    }
}
