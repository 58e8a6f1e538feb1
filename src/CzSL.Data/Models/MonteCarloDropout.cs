using System.Text.Json;

namespace CzSL.Data.Models;

/// <summary>
/// Monte-Carlo dropout (Gal &amp; Ghahramani 2016) with fixed masks: <see cref="Samples"/> dropout masks per dropout
/// layer, drawn once from <see cref="Seed"/> with <see cref="SeededRandom"/>, so the same settings give the same masks,
/// and the same uncertainties, in TorchSharp and in the exported ONNX graph. Stored on the model card as
/// <c>monteCarloDropout: {samples, seed}</c>.
/// </summary>
/// <remarks>
/// Mask values are Bernoulli(1 − p) / (1 − p): 0 for a dropped unit, 1/(1 − p) for a kept one (inverted dropout, as
/// training uses), so a unit's mean over many masks is 1. Layer <c>l</c>'s masks come from the stream
/// <see cref="SeededRandom.Derive(ulong, ulong)"/>(seed, l): sample by sample, unit by unit.
/// </remarks>
public sealed record MonteCarloDropout
{
    /// <summary>The default number of dropout samples.</summary>
    public const int DefaultSamples = 30;

    /// <summary>The most samples allowed (the head runs once per sample).</summary>
    public const int MaxSamples = 1000;

    /// <summary>S, the number of dropout masks per layer (2 to <see cref="MaxSamples"/>).</summary>
    public int Samples { get; init; } = DefaultSamples;

    /// <summary>Seed the masks are drawn from.</summary>
    public int Seed { get; init; }

    /// <summary>The message for a network without dropout layers.</summary>
    public const string NeedsDropout = "MC-dropout needs a network trained with dropout > 0";

    /// <summary>Checks <see cref="Samples"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 or more than <see cref="MaxSamples"/> samples.</exception>
    public MonteCarloDropout Validated()
    {
        if (Samples is < 2 or > MaxSamples)
            throw new ArgumentOutOfRangeException(nameof(Samples), Samples, $"MC-dropout samples must lie in [2, {MaxSamples}] (got {Samples}).");
        return this;
    }

    /// <summary>The settings as one line of card JSON: <c>{"samples":S,"seed":N}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Compact);

    private static readonly JsonSerializerOptions Compact = new(ModelCard.JsonOptions) { WriteIndented = false };

    /// <summary>
    /// The masks of dropout layer <paramref name="layer"/> (0-based, in the network's order) of <paramref name="width"/>
    /// units with drop probability <paramref name="dropout"/>: <see cref="Samples"/> × width values, row-major, each
    /// 0 or 1/(1 − p).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p outside (0, 1), a negative layer or a width below 1.</exception>
    public float[] Masks(int layer, int width, double dropout)
    {
        Validated();
        ArgumentOutOfRangeException.ThrowIfNegative(layer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (!(dropout > 0 && dropout < 1))
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{NeedsDropout} (dropout is {dropout}).");
        var random = SeededRandom.Derive(unchecked((ulong)Seed), (ulong)layer);
        var kept = (float)(1 / (1 - dropout));
        var masks = new float[Samples * width];
        for (var i = 0; i < masks.Length; i++) masks[i] = random.NextDouble() < dropout ? 0f : kept;
        return masks;
    }
}
