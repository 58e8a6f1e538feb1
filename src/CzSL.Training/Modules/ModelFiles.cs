using System.Text.Json;
using CzSL.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>
/// A model folder: the weights (TorchSharp's <c>module.save</c> format), the <see cref="NetworkConfig"/> as JSON
/// (<see cref="ConfigFileName"/>) and, for a classifier, its <see cref="CzslClassifier.Temperature"/>
/// (<see cref="CalibrationFileName"/>; a folder without one is uncalibrated, T = 1). Files are written atomically
/// (temporary file, then move).
/// </summary>
public static class ModelFiles
{
    /// <summary>Name of the network config file inside a model folder.</summary>
    public const string ConfigFileName = "network.json";

    /// <summary>Name of an autoencoder's weights file inside a model folder.</summary>
    public const string AutoencoderWeightsFileName = "autoencoder.weights";

    /// <summary>Name of a classifier's weights file inside a model folder.</summary>
    public const string ClassifierWeightsFileName = "classifier.weights";

    /// <summary>Name of a classifier's calibration file (<c>{"temperature": T}</c>) inside a model folder.</summary>
    public const string CalibrationFileName = "calibration.json";

    /// <summary>Saves <paramref name="module"/>'s weights and <paramref name="config"/> into <paramref name="directory"/> (created if needed).</summary>
    public static void Save(string directory, nn.Module module, NetworkConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(config);
        Directory.CreateDirectory(directory);
        SaveWeights(Path.Combine(directory, WeightsFileName(module)), module);
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFileName), config.Validated().ToJson());
        if (module is CzslClassifier classifier)
            AtomicFile.WriteAllText(Path.Combine(directory, CalibrationFileName), JsonSerializer.Serialize(new Calibration(classifier.Temperature), Json));
    }

    /// <summary>Reads the network config of the model folder <paramref name="directory"/>.</summary>
    public static NetworkConfig LoadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"No network config '{path}' in model folder '{directory}'.", path);
        return NetworkConfig.FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Rebuilds the autoencoder saved in <paramref name="directory"/>.</summary>
    public static ConvAutoencoder LoadAutoencoder(string directory)
    {
        var model = new ConvAutoencoder(LoadConfig(directory));
        LoadWeights(Path.Combine(directory, AutoencoderWeightsFileName), model);
        return model;
    }

    /// <summary>Rebuilds the classifier saved in <paramref name="directory"/>.</summary>
    public static CzslClassifier LoadClassifier(string directory)
    {
        var model = new CzslClassifier(LoadConfig(directory));
        LoadWeights(Path.Combine(directory, ClassifierWeightsFileName), model);
        model.Temperature = LoadTemperature(directory);
        return model;
    }

    /// <summary>Writes <paramref name="module"/>'s parameters and buffers to <paramref name="path"/> atomically.</summary>
    public static void SaveWeights(string path, nn.Module module) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
            module.save(writer);
            writer.Flush();
        });

    /// <summary>Loads every parameter and buffer of <paramref name="module"/> from <paramref name="path"/> (names and shapes must match).</summary>
    public static void LoadWeights(string path, nn.Module module)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"No weights file '{path}'.", path);
        try
        {
            module.load(path, strict: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"{path}: the weights do not fit a {module.GetName()} of this config: {e.Message}", e);
        }
    }

    /// <summary>The temperature saved in the model folder <paramref name="directory"/>: 1 when it has no calibration file.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON or its temperature is not finite and &gt; 0 (the message names it).</exception>
    public static double LoadTemperature(string directory)
    {
        var path = Path.Combine(directory, CalibrationFileName);
        if (!File.Exists(path)) return 1;
        try
        {
            var t = JsonSerializer.Deserialize<Calibration>(File.ReadAllText(path), Json)?.Temperature;
            return t is > 0 && double.IsFinite(t.Value) ? t.Value
                : throw new InvalidDataException($"{path}: temperature must be finite and > 0 (got {t?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}).");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid calibration file: {e.Message}", e);
        }
    }

    private sealed record Calibration(double Temperature);

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private static string WeightsFileName(nn.Module module) => module switch
    {
        ConvAutoencoder => AutoencoderWeightsFileName,
        CzslClassifier => ClassifierWeightsFileName,
        _ => throw new ArgumentException($"Only {nameof(ConvAutoencoder)} and {nameof(CzslClassifier)} are saved as model folders, got {module.GetType().Name}.", nameof(module)),
    };
}
