using System.Text.Json;
using CzSL.Data;
using CzSL.Training.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>
/// Per-epoch training checkpoint in one folder: <c>state.json</c> (the commit point, written last) names the weights
/// and optimiser files of the last finished epoch and of the best epoch, and carries the history and early-stopping
/// counters. Data order, augmentation, dropout and the learning rate are functions of (seed, epoch), so this is all a
/// resumed run needs to continue exactly as an uninterrupted one.
/// </summary>
internal sealed record Checkpoint
{
    public const string StateFileName = "state.json";

    public required string Stage { get; init; }
    public required string Fingerprint { get; init; }
    public required int EpochsCompleted { get; init; }
    public required int BestEpoch { get; init; }
    public required double BestScore { get; init; }
    public required bool StoppedEarly { get; init; }
    public required string WeightsFile { get; init; }
    public required string OptimizerFile { get; init; }
    public string? BestWeightsFile { get; init; }
    public required List<EpochRecord> History { get; init; }

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Writes the epoch's files and then the state; removes files of earlier checkpoints.</summary>
    public static Checkpoint Save(string directory, Checkpoint previous, nn.Module model, optim.Optimizer optimizer, bool improved)
    {
        Directory.CreateDirectory(directory);
        var e = previous.EpochsCompleted;
        var weights = $"weights-{e:D4}.bin";
        var optimizerFile = $"optimizer-{e:D4}.bin";
        ModelFiles.SaveWeights(Path.Combine(directory, weights), model);
        AtomicFile.Write(Path.Combine(directory, optimizerFile), s =>
        {
            using var w = new BinaryWriter(s, System.Text.Encoding.UTF8, leaveOpen: true);
            ((TorchSharp.Modules.OptimizerHelper)optimizer).save_state_dict(w);
            w.Flush();
        });
        var best = previous.BestWeightsFile;
        if (improved)
        {
            best = $"best-{e:D4}.bin";
            AtomicFile.Copy(Path.Combine(directory, weights), Path.Combine(directory, best));
        }
        var state = previous with { WeightsFile = weights, OptimizerFile = optimizerFile, BestWeightsFile = best };
        AtomicFile.WriteAllText(Path.Combine(directory, StateFileName), JsonSerializer.Serialize(state, Json));
        var keep = new HashSet<string> { StateFileName, weights, optimizerFile, best ?? "" };
        foreach (var f in Directory.GetFiles(directory))
        {
            var name = Path.GetFileName(f);
            if (!keep.Contains(name) && (name.StartsWith("weights-", StringComparison.Ordinal) || name.StartsWith("optimizer-", StringComparison.Ordinal) || name.StartsWith("best-", StringComparison.Ordinal)))
                File.Delete(f);
        }
        return state;
    }

    /// <summary>Reads the checkpoint state of <paramref name="directory"/>, or null when there is none.</summary>
    public static Checkpoint? TryRead(string directory)
    {
        var path = Path.Combine(directory, StateFileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"{path}: empty checkpoint state.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: corrupt checkpoint state at line {e.LineNumber + 1}: {e.Message}", e);
        }
    }

    /// <summary>Loads the last epoch's weights and optimiser state into <paramref name="model"/> and <paramref name="optimizer"/>.</summary>
    public void LoadInto(string directory, nn.Module model, optim.Optimizer optimizer)
    {
        ModelFiles.LoadWeights(Path.Combine(directory, WeightsFile), model);
        using var r = new BinaryReader(File.OpenRead(Path.Combine(directory, OptimizerFile)));
        ((TorchSharp.Modules.OptimizerHelper)optimizer).load_state_dict(r);
    }
}
