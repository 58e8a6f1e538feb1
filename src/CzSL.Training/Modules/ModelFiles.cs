using CzSL.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>
/// A model folder: the weights (TorchSharp's <c>module.save</c> format) and the <see cref="NetworkConfig"/> as JSON
/// (<see cref="ConfigFileName"/>). Both files are written atomically (temporary file, then move).
/// </summary>
public static class ModelFiles
{
    /// <summary>Name of the network config file inside a model folder.</summary>
    public const string ConfigFileName = "network.json";

    /// <summary>Name of an autoencoder's weights file inside a model folder.</summary>
    public const string AutoencoderWeightsFileName = "autoencoder.weights";

    /// <summary>Name of a classifier's weights file inside a model folder.</summary>
    public const string ClassifierWeightsFileName = "classifier.weights";

    /// <summary>Saves <paramref name="module"/>'s weights and <paramref name="config"/> into <paramref name="directory"/> (created if needed).</summary>
    public static void Save(string directory, nn.Module module, NetworkConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(config);
        Directory.CreateDirectory(directory);
        SaveWeights(Path.Combine(directory, WeightsFileName(module)), module);
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFileName), config.Validated().ToJson());
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

    private static string WeightsFileName(nn.Module module) => module switch
    {
        ConvAutoencoder => AutoencoderWeightsFileName,
        CzslClassifier => ClassifierWeightsFileName,
        _ => throw new ArgumentException($"Only {nameof(ConvAutoencoder)} and {nameof(CzslClassifier)} are saved as model folders, got {module.GetType().Name}.", nameof(module)),
    };
}
