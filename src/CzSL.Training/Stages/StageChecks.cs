using System.Security.Cryptography;
using System.Text;
using CzSL.Data.Images;
using CzSL.Training.Loop;
using CzSL.Training.Modules;

namespace CzSL.Training.Stages;

/// <summary>Argument checks and helpers shared by the stages.</summary>
internal static class StageChecks
{
    public static void Store(ImageStore store, NetworkConfig config)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Preprocessing != config.Preprocessing)
            throw new ArgumentException($"The image store makes {store.InputSize}×{store.InputSize} inputs ({store.Preprocessing}); the network takes " +
                                        $"{config.InputSize}×{config.InputSize} ({config.Preprocessing}; NetworkConfig.InputSize, InputDownscale, InputCrop).", nameof(store));
        if (store.ImageBytes != store.Size * store.Size * config.InputChannels)
            throw new ArgumentException($"The image store has {store.ImageBytes / (store.Size * store.Size)} channels; the network takes {config.InputChannels}.", nameof(store));
    }

    public static int[] Indices(ImageStore store, IReadOnlyList<int> indices, string name)
    {
        ArgumentNullException.ThrowIfNull(indices, name);
        var copy = indices.ToArray();
        for (var i = 0; i < copy.Length; i++)
            if ((uint)copy[i] >= (uint)store.Count)
                throw new ArgumentOutOfRangeException(name, $"{name}[{i}] = {copy[i]} is outside the image store (0..{store.Count - 1}).");
        return copy;
    }

    public static void Targets(ClassTargets targets, int count, int classCount, string name)
    {
        if (targets.Count != count)
            throw new ArgumentException($"{name} has {targets.Count} rows for {count} images.", name);
        if (targets.ClassCount != classCount)
            throw new ArgumentException($"{name} has {targets.ClassCount} classes; the network (NetworkConfig.ClassCount) has {classCount}.", name);
    }

    public static float[][] ToRows(float[] flat, int width)
    {
        var rows = new float[flat.Length / width][];
        for (var i = 0; i < rows.Length; i++) rows[i] = flat.AsSpan(i * width, width).ToArray();
        return rows;
    }

    /// <summary>Identifies a training run for checkpoint resume: stage, seed, sizes and a hash of every setting.</summary>
    public static string Fingerprint(string stage, NetworkConfig config, TrainingOptions training, int trainCount, int validationCount, string stageSettings)
    {
        var settings = $"{config.ToJson()}|{training.Epochs}|{training.BatchSize}|{training.Optimizer}|{training.Schedule}|{training.Augmentation}|{training.Patience}|{training.MonitorMetric}|{training.RestoreBest}|{training.Init}|{stageSettings}";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(settings)))[..16];
        return $"{stage}:seed={training.Seed}:train={trainCount}:validation={validationCount}:settings={hash}";
    }
}
