using CzSL.Data.Images;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using TorchSharp;

namespace CzSL.Training.Stages;

/// <summary>CzSL step 1: trains a <see cref="ConvAutoencoder"/> on unlabelled images; encodes images with its encoder.</summary>
public static class AutoencoderStage
{
    /// <summary>Stage name in reports and checkpoints.</summary>
    public const string Name = "autoencoder";

    /// <summary>
    /// Trains on <paramref name="indices"/>, validating on the last <see cref="AutoencoderStageOptions.ValidationFraction"/>
    /// of them in the given order (the paper's 70/30 rule).
    /// </summary>
    public static StageResult<ConvAutoencoder> Train(ImageStore store, IReadOnlyList<int> indices, NetworkConfig config, AutoencoderStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var validationCount = (int)Math.Round(indices.Count * options.ValidationFraction);
        var trainCount = indices.Count - validationCount;
        return Train(store, indices.Take(trainCount).ToArray(), indices.Skip(trainCount).ToArray(), config, options);
    }

    /// <summary>Trains on <paramref name="trainIndices"/>, validating on <paramref name="validationIndices"/> (may be empty). Weights are seeded by <see cref="TrainingOptions.Seed"/>.</summary>
    public static StageResult<ConvAutoencoder> Train(ImageStore store, IReadOnlyList<int> trainIndices, IReadOnlyList<int> validationIndices, NetworkConfig config, AutoencoderStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        StageChecks.Store(store, config);
        var train = StageChecks.Indices(store, trainIndices, nameof(trainIndices));
        var validation = StageChecks.Indices(store, validationIndices, nameof(validationIndices));
        var model = Create(config, options);
        try
        {
            var result = TrainingLoop.Run(Name, model, new AutoencoderObjective(options.Loss), store, config.InputChannels,
                new SampleSet(train, null), new SampleSet(validation, null), options.Training, [(model.parameters(), 1.0)],
                StageChecks.Fingerprint(Name, config, options.Training, train.Length, validation.Length, $"{options.Loss}|{options.ValidationFraction}"));
            return new StageResult<ConvAutoencoder>(model, result);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The untrained autoencoder <see cref="Train(ImageStore, IReadOnlyList{int}, IReadOnlyList{int}, NetworkConfig, AutoencoderStageOptions)"/>
    /// starts from: built from <paramref name="config"/> with torch seeded by <see cref="TrainingOptions.Seed"/> and
    /// initialised by <see cref="TrainingOptions.Init"/>.
    /// </summary>
    public static ConvAutoencoder Create(NetworkConfig config, AutoencoderStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        return WeightInitialisation.Create(() => new ConvAutoencoder(config), options.Training.Seed, options.Training.Init);
    }

    /// <summary>
    /// The encoder's code per image, flattened in channel-major (C, H, W) order (the paper: 8×8×8 = 512 values), for
    /// classical classifiers on autoencoder features.
    /// </summary>
    public static float[][] Encode(ConvAutoencoder model, ImageStore store, IReadOnlyList<int> indices, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var config = model.Config;
        StageChecks.Store(store, config);
        var idx = StageChecks.Indices(store, indices, nameof(indices));
        TorchRuntime.EnsureInitialised();
        model.to(TorchRuntime.Device);
        var width = config.CodeChannels * config.CodeSize * config.CodeSize;
        var flat = Inference.Run(model, store, idx, config.InputChannels, batchSize, PixelTransform.Identity,
            x => model.Encoder.forward(x).flatten(1), width);
        return StageChecks.ToRows(flat, width);
    }

    /// <summary>Mean reconstruction loss of <paramref name="model"/> over <paramref name="indices"/> (no augmentation).</summary>
    public static double ReconstructionError(ConvAutoencoder model, ImageStore store, IReadOnlyList<int> indices, ReconstructionLoss loss = ReconstructionLoss.Mse, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        var config = model.Config;
        StageChecks.Store(store, config);
        var idx = StageChecks.Indices(store, indices, nameof(indices));
        if (idx.Length == 0) throw new ArgumentException("No images to score.", nameof(indices));
        TorchRuntime.EnsureInitialised();
        var device = TorchRuntime.Device;
        model.to(device);
        using var pool = new BatchPool(Math.Min(batchSize, idx.Length), store.Size, config.InputChannels, 0, device.type == DeviceType.CUDA, store.Preprocessing.Downscale);
        var total = Inference.Fill(model, store, new SampleSet(idx, null), pool, PixelTransform.Identity, default, (batch, _) =>
        {
            var x = batch.Input(device);
            return Losses.Reconstruction(model.forward(x), x, loss).item<float>() * (double)batch.Count;
        });
        return total / idx.Length;
    }
}
