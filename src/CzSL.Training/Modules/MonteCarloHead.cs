using CzSL.Data.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>One layer of a classifier's head (after the encoder), with its MC-dropout masks when it is a dropout layer.</summary>
/// <param name="Path">Its path in the network (<c>embedding.fc0</c>, <c>classifier.drop</c>, …), as the ONNX exporter names it.</param>
/// <param name="Module">The layer.</param>
/// <param name="Masks">A dropout layer's masks, <see cref="MonteCarloDropout.Samples"/> × width values (<see cref="MonteCarloDropout.Masks"/>); null for any other layer.</param>
/// <param name="Width">A dropout layer's width (units masked); 0 for any other layer.</param>
public sealed record HeadLayer(string Path, nn.Module<Tensor, Tensor> Module, float[]? Masks, int Width);

/// <summary>TorchSharp's MC-dropout outputs for a batch of N images.</summary>
/// <param name="Probabilities">The mean of the samples' class probabilities (N, K): the predictive distribution.</param>
/// <param name="Entropy">Its entropy (N, 1), nats: the total predictive uncertainty.</param>
/// <param name="MutualInformation">Entropy of the mean minus the mean entropy of the samples (N, 1), nats, ≥ 0: the epistemic part (BALD).</param>
public sealed record MonteCarloOutput(Tensor Probabilities, Tensor Entropy, Tensor MutualInformation);

/// <summary>
/// Monte-Carlo dropout over a <see cref="CzslClassifier"/>'s head with the fixed masks of a <see cref="MonteCarloDropout"/>:
/// the encoder runs once, then the head runs on (S, N, width) with sample s's mask multiplied in at every dropout layer
/// (dense layers act on the last dimension); the logits are divided by the temperature and soft-maxed per sample.
/// Everything else is as in eval mode (batch norm uses its running statistics). The ONNX exporter builds the same
/// computation from <see cref="Layers"/>.
/// </summary>
public sealed class MonteCarloHead : IDisposable
{
    /// <summary>Probabilities are clipped to at least this before their logarithm (0 · log 0 counts as 0).</summary>
    public const float LogEpsilon = 1e-12f;

    private readonly CzslClassifier _model;
    private readonly Tensor?[] _masks;

    /// <summary>Draws the masks of <paramref name="settings"/> for <paramref name="model"/>'s dropout layers (on its device).</summary>
    /// <exception cref="ArgumentException">The network has no dropout (<see cref="MonteCarloDropout.NeedsDropout"/>).</exception>
    public MonteCarloHead(CzslClassifier model, MonteCarloDropout settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        _model = model;
        Settings = settings.Validated();
        Layers = Plan(model, settings);
        var device = model.parameters().First().device;
        _masks = Layers.Select(l => l.Masks is null ? null : torch.tensor(l.Masks, [settings.Samples, 1, l.Width], device: device)).ToArray();
    }

    /// <summary>The samples and seed.</summary>
    public MonteCarloDropout Settings { get; }

    /// <summary>The head's layers in order, each dropout layer with its masks.</summary>
    public IReadOnlyList<HeadLayer> Layers { get; }

    /// <summary>
    /// The head's layers of <paramref name="model"/> in order (embedding's, then classifier's), with the masks of
    /// <paramref name="settings"/> on the dropout layers (dropout layer l, counted from 0, gets <see cref="MonteCarloDropout.Masks"/>(l, …)).
    /// </summary>
    /// <exception cref="ArgumentException">The network has no dropout, or a layer after the first dropout is not a dense layer or an activation.</exception>
    public static IReadOnlyList<HeadLayer> Plan(CzslClassifier model, MonteCarloDropout settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var p = model.Config.Dropout;
        if (!(p > 0))
            throw new ArgumentException($"{MonteCarloDropout.NeedsDropout}; this network's dropout is {p} (preset {model.Config.Preset}).", nameof(model));
        var children = model.Embedding.named_children().Select(c => ("embedding." + c.name, c.module))
            .Concat(model.Classifier.named_children().Select(c => ("classifier." + c.name, c.module)))
            .Select(c => (Path: c.Item1, Module: (nn.Module<Tensor, Tensor>)c.module)).ToList();
        var layers = new List<HeadLayer>(children.Count);
        var dropouts = 0;
        for (var i = 0; i < children.Count; i++)
        {
            var (path, module) = children[i];
            if (module is Dropout)
            {
                var next = children.Skip(i + 1).Select(c => c.Module).OfType<Linear>().FirstOrDefault()
                    ?? throw new ArgumentException($"Dropout layer {path} is not followed by a dense layer.", nameof(model));
                var width = (int)next.in_features;
                layers.Add(new HeadLayer(path, module, settings.Masks(dropouts++, width, p), width));
                continue;
            }
            if (dropouts > 0 && module is not (Linear or ReLU or LeakyReLU or ELU))
                throw new ArgumentException($"MC-dropout supports dense layers and activations after a dropout layer; {path} is a {module.GetType().Name}.", nameof(model));
            layers.Add(new HeadLayer(path, module, null, 0));
        }
        if (dropouts == 0) throw new ArgumentException($"{MonteCarloDropout.NeedsDropout}; this network has no dropout layer.", nameof(model));
        return layers;
    }

    /// <summary>The MC-dropout outputs for an (N, C, H, W) batch of pixel/255 values; call in eval mode under no_grad.</summary>
    public MonteCarloOutput Forward(Tensor input)
    {
        var x = _model.Encoder.forward(input);
        var expanded = false;
        for (var i = 0; i < Layers.Count; i++)
        {
            if (_masks[i] is { } mask)
            {
                x = (expanded ? x : x.unsqueeze(0)) * mask;
                expanded = true;
            }
            else x = Layers[i].Module.forward(x);
        }
        return Summarise(nn.functional.softmax(x / _model.Temperature, 2));
    }

    /// <summary>
    /// The MC-dropout statistics of per-sample class probabilities <paramref name="samples"/> (S, N, K): their mean,
    /// its entropy H(mean) and the mutual information H(mean) − mean_s H(p_s), clipped at 0 against rounding.
    /// </summary>
    public static MonteCarloOutput Summarise(Tensor samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.dim() != 3) throw new ArgumentException($"Expected (S, N, K) probabilities, got [{string.Join(", ", samples.shape)}].", nameof(samples));
        var mean = samples.mean([0]);
        var meanSampleSum = (samples * samples.clamp_min(LogEpsilon).log()).sum(2, keepdim: true).mean([0]);
        var meanSum = (mean * mean.clamp_min(LogEpsilon).log()).sum(1, keepdim: true);
        return new MonteCarloOutput(mean, meanSum.neg(), nn.functional.relu(meanSampleSum - meanSum));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var mask in _masks) mask?.Dispose();
    }
}
