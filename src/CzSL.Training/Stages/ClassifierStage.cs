using CzSL.Data.Images;
using CzSL.Data.Models;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Stages;

/// <summary>
/// Trains and applies <see cref="CzslClassifier"/>s: from scratch or from an autoencoder's encoder (CzSL step 2,
/// pre-training on amateur labels), and further training of an existing classifier (step 4, fine-tuning on expert
/// labels); predictions with optional test-time augmentation, and embeddings.
/// </summary>
public static class ClassifierStage
{
    /// <summary>Stage name in reports and checkpoints.</summary>
    public const string Name = "classifier";

    /// <summary>
    /// Builds a classifier from <paramref name="config"/> (weights seeded by <see cref="TrainingOptions.Seed"/>),
    /// copies <paramref name="encoder"/>'s weights into it when given, and trains it (see <see cref="Create"/>).
    /// </summary>
    /// <param name="store">Images (side must equal <see cref="NetworkConfig.InputSize"/>).</param>
    /// <param name="trainIndices">Store indices of the training images.</param>
    /// <param name="trainTargets">Their targets (same order).</param>
    /// <param name="validationIndices">Store indices of the validation images (may be empty: no early stopping or restore).</param>
    /// <param name="validationTargets">Their targets.</param>
    /// <param name="config">Network shape; <see cref="NetworkConfig.ClassCount"/> must equal the targets' class count.</param>
    /// <param name="options">Stage settings.</param>
    /// <param name="encoder">A trained encoder of the same config (e.g. <see cref="ConvAutoencoder.Encoder"/>), or null for random initialisation.</param>
    public static StageResult<CzslClassifier> Train(ImageStore store, IReadOnlyList<int> trainIndices, ClassTargets trainTargets,
        IReadOnlyList<int> validationIndices, ClassTargets validationTargets, NetworkConfig config, ClassifierStageOptions options, Encoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        var model = Create(config, options, encoder);
        try
        {
            return new StageResult<CzslClassifier>(model, Continue(model, store, trainIndices, trainTargets, validationIndices, validationTargets, options));
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The untrained classifier <see cref="Train"/> starts from: built from <paramref name="config"/> with torch seeded
    /// by <see cref="TrainingOptions.Seed"/>, initialised by <see cref="TrainingOptions.Init"/>, then
    /// <paramref name="encoder"/>'s trained weights copied into its encoder when given (they are kept as trained).
    /// </summary>
    public static CzslClassifier Create(NetworkConfig config, ClassifierStageOptions options, Encoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        return WeightInitialisation.Create(() => new CzslClassifier(config), options.Training.Seed, options.Training.Init,
            model => { if (encoder is not null) model.InitialiseEncoderFrom(encoder); });
    }

    /// <summary>
    /// Trains an existing classifier further, in place (fine-tuning a pre-trained network on new labels). The
    /// optimiser starts fresh; data order, augmentation and dropout follow <see cref="TrainingOptions.Seed"/>.
    /// </summary>
    public static TrainingResult Continue(CzslClassifier model, ImageStore store, IReadOnlyList<int> trainIndices, ClassTargets trainTargets,
        IReadOnlyList<int> validationIndices, ClassTargets validationTargets, ClassifierStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(trainTargets);
        ArgumentNullException.ThrowIfNull(validationTargets);
        ArgumentNullException.ThrowIfNull(options);
        var config = model.Config;
        options.Validate(config.ClassCount);
        StageChecks.Store(store, config);
        var train = StageChecks.Indices(store, trainIndices, nameof(trainIndices));
        var validation = StageChecks.Indices(store, validationIndices, nameof(validationIndices));
        StageChecks.Targets(trainTargets, train.Length, config.ClassCount, nameof(trainTargets));
        StageChecks.Targets(validationTargets, validation.Length, config.ClassCount, nameof(validationTargets));
        TorchRuntime.EnsureInitialised();

        using var objective = new ClassifierObjective(model, trainTargets, options, TorchRuntime.Device);
        var named = model.named_parameters().ToList();
        var encoderParameters = named.Where(p => p.name.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        var headParameters = named.Where(p => !p.name.StartsWith("encoder.", StringComparison.Ordinal)).Select(p => p.parameter).ToList();
        var groups = new List<(IEnumerable<Parameter>, double)> { (headParameters, 1.0) };
        if (options.EncoderLrMultiplier > 0) groups.Insert(0, (encoderParameters, options.EncoderLrMultiplier));
        else foreach (var p in encoderParameters) p.requires_grad = false;
        try
        {
            return TrainingLoop.Run(Name, model, objective, store, config.InputChannels,
                new SampleSet(train, trainTargets.Rows), new SampleSet(validation, validationTargets.Rows), options.Training, groups,
                StageChecks.Fingerprint(Name, config, options.Training, train.Length, validation.Length, options.Describe()));
        }
        finally
        {
            foreach (var p in encoderParameters) p.requires_grad = true;
        }
    }

    /// <summary>
    /// Class probabilities (softmax of the logits divided by <paramref name="temperature"/>, by default the model's
    /// <see cref="CzslClassifier.Temperature"/>) per image, in the order of <paramref name="indices"/>. With
    /// <paramref name="testTimeAugmentation"/>, the mean over the 8 symmetries of the square; a mirrored view's
    /// probabilities are mapped back through <paramref name="mirrorClasses"/> (the class a mirror turns each class into,
    /// e.g. ERL's clockwise ↔ anticlockwise; null where a mirror keeps every class).
    /// </summary>
    public static float[][] Predict(CzslClassifier model, ImageStore store, IReadOnlyList<int> indices, bool testTimeAugmentation = false, int batchSize = 64,
        int[]? mirrorClasses = null, double? temperature = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = temperature ?? model.Temperature;
        Data.Metrics.TemperatureScaling.CheckTemperature(t);
        var c = model.Config.ClassCount;
        var sum = new float[indices.Count * c];
        var transforms = testTimeAugmentation ? PixelTransform.Symmetries : [PixelTransform.Identity];
        foreach (var view in transforms)
        {
            var p = Run(model, store, indices, batchSize, view, x => nn.functional.softmax(model.forward(x) / t, 1), c);
            // The mirrored view of a class-k galaxy looks like class mirrorClasses[k]: read its probability there.
            var mirror = view.Flip ? mirrorClasses : null;
            for (var i = 0; i < sum.Length; i++) sum[i] += mirror is null ? p[i] : p[i - i % c + mirror[i % c]];
        }
        if (transforms.Count > 1)
            for (var i = 0; i < sum.Length; i++) sum[i] /= transforms.Count;
        return StageChecks.ToRows(sum, c);
    }

    /// <summary>
    /// Monte-Carlo dropout predictions (<see cref="MonteCarloHead"/>) per image, in the order of <paramref name="indices"/>:
    /// the mean of the <see cref="MonteCarloDropout.Samples"/> softmax(logits_s / T) (T the model's
    /// <see cref="CzslClassifier.Temperature"/>), its entropy and the mutual information (nats). No augmentation.
    /// </summary>
    /// <exception cref="ArgumentException">The network has no dropout (<see cref="MonteCarloDropout.NeedsDropout"/>).</exception>
    public static MonteCarloPredictions PredictMonteCarlo(CzslClassifier model, ImageStore store, IReadOnlyList<int> indices, MonteCarloDropout monteCarlo,
        int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(monteCarlo);
        TorchRuntime.EnsureInitialised();
        model.to(TorchRuntime.Device);
        using var head = new MonteCarloHead(model, monteCarlo);
        var c = model.Config.ClassCount;
        var rows = StageChecks.ToRows(Run(model, store, indices, batchSize, PixelTransform.Identity, x =>
        {
            var output = head.Forward(x);
            return torch.cat([output.Probabilities, output.Entropy, output.MutualInformation], 1);
        }, c + 2), c + 2);
        return new MonteCarloPredictions([.. rows.Select(r => r[..c])], [.. rows.Select(r => r[c])], [.. rows.Select(r => r[c + 1])]);
    }

    /// <summary>Class logits per image (no augmentation), in the order of <paramref name="indices"/>: what temperature scaling is fitted on.</summary>
    public static float[][] Logits(CzslClassifier model, ImageStore store, IReadOnlyList<int> indices, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        var c = model.Config.ClassCount;
        return StageChecks.ToRows(Run(model, store, indices, batchSize, PixelTransform.Identity, model.forward, c), c);
    }

    /// <summary>
    /// Fits <paramref name="model"/>'s <see cref="CzslClassifier.Temperature"/> on its logits for the images
    /// <paramref name="indices"/> and their target rows (<see cref="Data.Metrics.TemperatureScaling.Fit"/>) and sets it; returns it.
    /// A fit at a bound of the search (<see cref="Data.Metrics.TemperatureScaling.IsAtBound"/>: e.g. a small validation set
    /// the network separates perfectly) is not a calibration: the model keeps T = 1 then.
    /// </summary>
    public static double Calibrate(CzslClassifier model, ImageStore store, IReadOnlyList<int> indices, IReadOnlyList<float[]> targets)
    {
        ArgumentNullException.ThrowIfNull(model);
        var t = Data.Metrics.TemperatureScaling.Fit(Logits(model, store, indices), targets);
        return model.Temperature = Data.Metrics.TemperatureScaling.IsAtBound(t) ? 1 : t;
    }

    /// <summary>The embedding (last hidden layer, <see cref="CzslClassifier.EmbeddingSize"/> values) per image.</summary>
    public static float[][] Embed(CzslClassifier model, ImageStore store, IReadOnlyList<int> indices, int batchSize = 64)
    {
        ArgumentNullException.ThrowIfNull(model);
        var width = model.EmbeddingSize;
        return StageChecks.ToRows(Run(model, store, indices, batchSize, PixelTransform.Identity, model.Embed, width), width);
    }

    private static float[] Run(CzslClassifier model, ImageStore store, IReadOnlyList<int> indices, int batchSize, PixelTransform transform, Func<Tensor, Tensor> head, int width)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        StageChecks.Store(store, model.Config);
        var idx = StageChecks.Indices(store, indices, nameof(indices));
        TorchRuntime.EnsureInitialised();
        model.to(TorchRuntime.Device);
        return Inference.Run(model, store, idx, model.Config.InputChannels, batchSize, transform, head, width);
    }
}
