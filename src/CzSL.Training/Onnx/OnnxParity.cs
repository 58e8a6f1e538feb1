using CzSL.Data.Images;
using CzSL.Training.Modules;
using Microsoft.ML.OnnxRuntime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>
/// Compares an exported ONNX model, run by ONNX Runtime, with the TorchSharp network it came from (eval mode, no
/// gradients, channels-last input) on seeded random inputs and, optionally, real image batches.
/// </summary>
public static class OnnxParity
{
    /// <summary>Default random batch sizes: a single image and a batch of five (exercises the dynamic batch dimension).</summary>
    public static readonly IReadOnlyList<int> DefaultBatchSizes = [1, 5];

    /// <summary>TorchSharp's values for each ONNX output name, for one input batch.</summary>
    public delegate IReadOnlyDictionary<string, Tensor> Reference(Tensor input);

    /// <summary>
    /// Checks a classifier export: softmax of the logits / temperature against <c>probabilities</c>, <c>Embed</c> against
    /// <c>embedding</c> and, with <paramref name="monteCarlo"/>, <see cref="MonteCarloHead.Forward"/>'s mean probabilities and
    /// mutual information against <c>mc_probabilities</c> and <c>mutual_information</c>.
    /// </summary>
    /// <param name="model">The exported classifier.</param>
    /// <param name="onnxPath">The ONNX file written by <see cref="OnnxExporter.ExportClassifier"/>.</param>
    /// <param name="images">Optional real inputs [B, C, H, W] (pixel/255), compared in addition to random ones.</param>
    /// <param name="seed">Seed of the random inputs.</param>
    /// <param name="batchSizes">Random batch sizes (default <see cref="DefaultBatchSizes"/>).</param>
    /// <param name="monteCarlo">The MC-dropout settings it was exported with, or null.</param>
    public static OnnxParityResult Check(CzslClassifier model, string onnxPath, Tensor? images = null, int seed = 1,
        IReadOnlyList<int>? batchSizes = null, Data.Models.MonteCarloDropout? monteCarlo = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var preprocessing = model.Config.Preprocessing;
        using var head = monteCarlo is null ? null : new MonteCarloHead(model, monteCarlo);
        return Check(model, onnxPath, resized =>
        {
            var x = InputPreprocessing.FromResized(resized, preprocessing);
            var values = new Dictionary<string, Tensor>
            {
                [OnnxExporter.ProbabilitiesOutput] = model.Probabilities(x),
                [OnnxExporter.EmbeddingOutput] = model.Embed(x),
            };
            if (head?.Forward(x) is { } mc)
            {
                values[OnnxExporter.MonteCarloProbabilitiesOutput] = mc.Probabilities;
                values[OnnxExporter.MutualInformationOutput] = mc.MutualInformation;
            }
            return values;
        }, images, seed, batchSizes);
    }

    /// <summary>Checks an encoder export: the flattened code against <c>features</c>.</summary>
    /// <param name="encoder">The exported encoder.</param>
    /// <param name="onnxPath">The ONNX file written by <see cref="OnnxExporter.ExportEncoder"/>.</param>
    /// <param name="images">Optional real inputs in the ONNX input's shape, compared in addition to random ones.</param>
    /// <param name="seed">Seed of the random inputs.</param>
    /// <param name="batchSizes">Random batch sizes (default <see cref="DefaultBatchSizes"/>).</param>
    /// <param name="preprocessing">The input preprocessing the export has in its graph (its network config's); null: none.</param>
    public static OnnxParityResult Check(Encoder encoder, string onnxPath, Tensor? images = null, int seed = 1,
        IReadOnlyList<int>? batchSizes = null, ImagePreprocessing? preprocessing = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        return Check(encoder, onnxPath, x => new Dictionary<string, Tensor>
        {
            [OnnxExporter.FeaturesOutput] = encoder.forward(preprocessing is null ? x : InputPreprocessing.FromResized(x, preprocessing)).flatten(1),
        }, images, seed, batchSizes);
    }

    /// <summary>Checks an autoencoder export: the forward pass against <c>reconstruction</c>.</summary>
    /// <inheritdoc cref="Check(CzslClassifier, string, Tensor?, int, IReadOnlyList{int}?, Data.Models.MonteCarloDropout?)" path="/param"/>
    public static OnnxParityResult Check(ConvAutoencoder model, string onnxPath, Tensor? images = null, int seed = 1,
        IReadOnlyList<int>? batchSizes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Check(model, onnxPath, x => new Dictionary<string, Tensor>
        {
            [OnnxExporter.ReconstructionOutput] = model.forward(InputPreprocessing.FromResized(x, model.Config.Preprocessing)),
        }, images, seed, batchSizes);
    }

    /// <summary>Checks a single-output Sequential export (<see cref="OnnxExporter.ExportSequential"/>).</summary>
    /// <inheritdoc cref="Check(CzslClassifier, string, Tensor?, int, IReadOnlyList{int}?, Data.Models.MonteCarloDropout?)" path="/param"/>
    public static OnnxParityResult Check(Sequential network, string onnxPath, Tensor? images = null, int seed = 1,
        IReadOnlyList<int>? batchSizes = null)
    {
        ArgumentNullException.ThrowIfNull(network);
        string output;
        using (var session = new InferenceSession(onnxPath))
        {
            output = session.OutputMetadata.Count == 1
                ? session.OutputMetadata.Keys.Single()
                : throw new InvalidOperationException(
                    $"ONNX model '{onnxPath}' has {session.OutputMetadata.Count} outputs; a Sequential export has one.");
        }

        return Check(network, onnxPath, x => new Dictionary<string, Tensor> { [output] = network.forward(x) },
            images, seed, batchSizes);
    }

    /// <summary>
    /// Runs <paramref name="reference"/> (with <paramref name="module"/> in eval mode, under no_grad) and the ONNX
    /// model on the same inputs and compares every ONNX output with the reference value of the same name.
    /// </summary>
    /// <param name="module">The network; put in eval mode during the check, its training flags restored after.</param>
    /// <param name="onnxPath">The ONNX file (one float input; its static dimensions give the random inputs' shape).</param>
    /// <param name="reference">TorchSharp's value for every ONNX output, by name.</param>
    /// <param name="images">Optional real inputs [B, ...] in the ONNX input's shape.</param>
    /// <param name="seed">Seed of the random inputs (uniform [0, 1)).</param>
    /// <param name="batchSizes">Random batch sizes (default <see cref="DefaultBatchSizes"/>); empty for images only.</param>
    public static OnnxParityResult Check(nn.Module module, string onnxPath, Reference reference, Tensor? images = null,
        int seed = 1, IReadOnlyList<int>? batchSizes = null)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(reference);
        if (!File.Exists(onnxPath))
        {
            throw new FileNotFoundException($"ONNX model '{onnxPath}' does not exist.", onnxPath);
        }

        batchSizes ??= DefaultBatchSizes;
        using var session = new InferenceSession(onnxPath);
        var (inputName, inputMeta) = session.InputMetadata.Count == 1
            ? session.InputMetadata.Single()
            : throw new InvalidOperationException($"ONNX model '{onnxPath}' has {session.InputMetadata.Count} inputs; expected one.");
        var sampleDims = inputMeta.Dimensions[1..].Select(d => (long)d).ToArray();
        if (sampleDims.Any(d => d <= 0))
        {
            throw new InvalidOperationException(
                $"ONNX model '{onnxPath}' input '{inputName}' has non-static dimensions [{string.Join(", ", inputMeta.Dimensions)}] after the batch.");
        }

        var outputNames = session.OutputMetadata.Keys.ToArray();
        var totals = outputNames.ToDictionary(n => n, _ => new DifferenceAccumulator());
        var random = new Random(seed);
        var randomSamples = 0;
        var parameters = module.parameters().FirstOrDefault();
        using var evalMode = new TrainingModeScope(module);
        using var noGrad = torch.no_grad();

        foreach (var batch in batchSizes)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batch, nameof(batchSizes));
            long[] shape = [batch, .. sampleDims];
            var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.NextSingle();
            }

            Compare(session, inputName, values, shape, reference, parameters, outputNames, totals);
            randomSamples += batch;
        }

        var imageSamples = 0;
        if (images is not null)
        {
            if (!images.shape[1..].SequenceEqual(sampleDims))
            {
                throw new ArgumentException(
                    $"Images have shape [{string.Join(", ", images.shape)}]; the ONNX input '{inputName}' needs [B, {string.Join(", ", sampleDims)}].",
                    nameof(images));
            }

            using var cpu = images.detach().to(ScalarType.Float32).cpu().contiguous();
            Compare(session, inputName, cpu.data<float>().ToArray(), cpu.shape, reference, parameters, outputNames, totals);
            imageSamples = (int)images.shape[0];
        }

        return new OnnxParityResult(outputNames.Select(n => totals[n].Result(n)).ToList(), randomSamples, imageSamples);
    }

    private static void Compare(InferenceSession session, string inputName, float[] values, long[] shape,
        Reference reference, Tensor? parameters, string[] outputNames, Dictionary<string, DifferenceAccumulator> totals)
    {
        using var scope = torch.NewDisposeScope();
        var input = torch.tensor(values, shape)
            .to(parameters?.dtype ?? ScalarType.Float32, parameters?.device ?? torch.CPU);
        var expected = reference(ChannelsLast.Ensure(input));

        using var ortInput = OrtValue.CreateTensorValueFromMemory(values, shape);
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [inputName], [ortInput], outputNames);
        for (var i = 0; i < outputNames.Length; i++)
        {
            var name = outputNames[i];
            if (!expected.TryGetValue(name, out var torchValue))
            {
                throw new InvalidOperationException($"The TorchSharp reference has no value for ONNX output '{name}'.");
            }

            var torchCpu = torchValue.detach().to(ScalarType.Float32).cpu().contiguous();
            var ortShape = results[i].GetTensorTypeAndShape().Shape;
            if (!torchCpu.shape.SequenceEqual(ortShape))
            {
                throw new InvalidOperationException(
                    $"ONNX output '{name}' has shape [{string.Join(", ", ortShape)}], TorchSharp's [{string.Join(", ", torchCpu.shape)}].");
            }

            totals[name].Add(torchCpu.data<float>().ToArray(), results[i].GetTensorDataAsSpan<float>());
        }
    }

    /// <summary>Running max and mean of |a − b|.</summary>
    private sealed class DifferenceAccumulator
    {
        private double _max;
        private double _sum;
        private long _count;

        public void Add(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
        {
            for (var i = 0; i < expected.Length; i++)
            {
                var difference = expected[i] == actual[i] ? 0.0 : Math.Abs((double)expected[i] - actual[i]);
                _max = double.IsNaN(difference) || double.IsNaN(_max) ? double.NaN : Math.Max(_max, difference);
                _sum += difference;
            }

            _count += expected.Length;
        }

        public OnnxOutputParity Result(string name) =>
            new(name, _max, _count == 0 ? 0 : _sum / _count, _count);
    }
}
