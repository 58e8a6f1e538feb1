using CzSL.Data;

namespace CzSL.Pipeline.Transfer;

/// <summary>The output layer of the label-transfer MLP and the loss that goes with it.</summary>
public enum MlpOutput
{
    /// <summary>
    /// The reference's: scikit-learn's MLPClassifier fitted on a one-hot (2-D) target treats it as multilabel — one
    /// independent sigmoid per class, binary log-loss summed over the classes, each column predicted at 0.5.
    /// </summary>
    Multilabel,
    /// <summary>Ours: a softmax over the classes with the cross-entropy, decided by the argmax.</summary>
    Softmax,
}

/// <summary>
/// A fully connected ReLU network with a <see cref="MlpOutput"/> layer: weights <c>[layer][out][in]</c> and biases
/// <c>[layer][out]</c>, a forward pass, and the loss and gradient of one example (the output delta is p − y for both
/// output kinds, as each loss is the matching one of its activation).
/// </summary>
internal sealed class MlpNetwork
{
    /// <summary>Probabilities are clipped to [ε, 1 − ε] inside the binary log-loss (scikit-learn's, with float64 ε).</summary>
    internal const double Epsilon = 2.220446049250313e-16;

    private readonly double[][] _acts;
    private readonly double[][] _deltas;

    /// <summary>A network with the given parameters (kept by reference: training updates them in place).</summary>
    public MlpNetwork(double[][][] weights, double[][] biases, MlpOutput output)
    {
        Weights = weights;
        Biases = biases;
        Output = output;
        int[] sizes = [weights[0][0].Length, .. weights.Select(l => l.Length)];
        _acts = sizes.Select(s => new double[s]).ToArray();
        _deltas = sizes.Select(s => new double[s]).ToArray();
    }

    /// <summary>Glorot-uniform weights and biases in ±√(6 / (fan_in + fan_out)) per layer (scikit-learn's rule for ReLU networks).</summary>
    public static MlpNetwork Random(IReadOnlyList<int> sizes, MlpOutput output, SeededRandom rng)
    {
        var layers = sizes.Count - 1;
        var w = new double[layers][][];
        var b = new double[layers][];
        for (var l = 0; l < layers; l++)
        {
            var bound = Math.Sqrt(6.0 / (sizes[l] + sizes[l + 1]));
            w[l] = new double[sizes[l + 1]][];
            for (var o = 0; o < sizes[l + 1]; o++)
            {
                w[l][o] = new double[sizes[l]];
                for (var i = 0; i < sizes[l]; i++) w[l][o][i] = (rng.NextDouble() * 2 - 1) * bound;
            }
            b[l] = new double[sizes[l + 1]];
            for (var o = 0; o < sizes[l + 1]; o++) b[l][o] = (rng.NextDouble() * 2 - 1) * bound;
        }
        return new MlpNetwork(w, b, output);
    }

    /// <summary>Weights <c>[layer][out][in]</c>.</summary>
    public double[][][] Weights { get; }

    /// <summary>Biases <c>[layer][out]</c>.</summary>
    public double[][] Biases { get; }

    /// <summary>The output layer.</summary>
    public MlpOutput Output { get; }

    /// <summary>The class probabilities of <paramref name="input"/>: a distribution (softmax) or one independent probability per class (multilabel).</summary>
    public double[] Predict(float[] input)
    {
        Forward(input);
        return (double[])_acts[^1].Clone();
    }

    /// <summary>
    /// The loss of one example of class <paramref name="label"/> (cross-entropy, or the binary log-loss summed over
    /// the one-hot columns), adding its gradient to <paramref name="gw"/> and <paramref name="gb"/>.
    /// </summary>
    public double Accumulate(float[] input, int label, double[][][] gw, double[][] gb)
    {
        Forward(input);
        var output = _acts[^1];
        var loss = Loss(output, label);
        for (var c = 0; c < output.Length; c++) _deltas[^1][c] = output[c] - (c == label ? 1 : 0);
        for (var l = Weights.Length - 1; l >= 0; l--)
        {
            var inputs = _acts[l];
            for (var o = 0; o < Weights[l].Length; o++)
            {
                var d = _deltas[l + 1][o];
                if (d == 0) continue;
                gb[l][o] += d;
                var gwo = gw[l][o];
                for (var i = 0; i < gwo.Length; i++) gwo[i] += d * inputs[i];
            }
            if (l == 0) break;
            for (var i = 0; i < inputs.Length; i++)
            {
                double sum = 0;
                if (inputs[i] > 0)
                    for (var o = 0; o < Weights[l].Length; o++) sum += Weights[l][o][i] * _deltas[l + 1][o];
                _deltas[l][i] = sum;
            }
        }
        return loss;
    }

    /// <summary>The loss of output <paramref name="probabilities"/> for class <paramref name="label"/> (see <see cref="Accumulate"/>).</summary>
    public double Loss(IReadOnlyList<double> probabilities, int label)
    {
        if (Output == MlpOutput.Softmax) return -Math.Log(Math.Max(probabilities[label], 1e-300));
        double loss = 0;
        for (var c = 0; c < probabilities.Count; c++)
        {
            var p = Math.Clamp(probabilities[c], Epsilon, 1 - Epsilon);
            loss -= c == label ? Math.Log(p) : Math.Log(1 - p);
        }
        return loss;
    }

    private void Forward(float[] input)
    {
        for (var i = 0; i < input.Length; i++) _acts[0][i] = input[i];
        for (var l = 0; l < Weights.Length; l++)
        {
            var output = _acts[l + 1];
            for (var o = 0; o < output.Length; o++)
            {
                var z = Biases[l][o];
                var wo = Weights[l][o];
                for (var i = 0; i < wo.Length; i++) z += wo[i] * _acts[l][i];
                output[o] = l + 1 < Weights.Length ? Math.Max(z, 0) : z;
            }
        }
        var last = _acts[^1];
        if (Output == MlpOutput.Multilabel)
        {
            for (var c = 0; c < last.Length; c++) last[c] = 1 / (1 + Math.Exp(-last[c]));
            return;
        }
        var max = last.Max();
        double sum = 0;
        for (var c = 0; c < last.Length; c++) sum += last[c] = Math.Exp(last[c] - max);
        for (var c = 0; c < last.Length; c++) last[c] /= sum;
    }
}
