using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.Pipeline.Transfer;

/// <summary>Settings of <see cref="MlpLabelTransfer"/>; the defaults are the paper's (scikit-learn MLPClassifier defaults plus its hidden layers).</summary>
public sealed record MlpOptions
{
    /// <summary>Hidden layer widths (paper: 8-7-5-3).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [8, 7, 5, 3];
    /// <summary>Adam learning rate (scikit-learn: 0.001).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>L2 penalty α (paper: 1e-4); the loss gets α/2·Σw² / batch size, as in scikit-learn.</summary>
    public double L2 { get; init; } = 1e-4;
    /// <summary>Maximum epochs (paper: 300).</summary>
    public int MaxIterations { get; init; } = 300;
    /// <summary>Mini-batch size; scikit-learn uses min(200, n).</summary>
    public int BatchSize { get; init; } = 200;
    /// <summary>Stop when the epoch loss has not improved by this much for <see cref="NoImprovementEpochs"/> epochs (scikit-learn: 1e-4).</summary>
    public double Tolerance { get; init; } = 1e-4;
    /// <summary>Patience of the tolerance rule (scikit-learn: 10).</summary>
    public int NoImprovementEpochs { get; init; } = 10;
    /// <summary>Seed of the initialisation and the epoch shuffles.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Add EL_DEB and CS_DEB to the inputs (the reference's variant).</summary>
    public bool IncludeDebiased { get; init; }
    /// <summary>
    /// Independent initialisations trained; the one with the lowest final training loss is kept. 1 (the default) is
    /// scikit-learn's behaviour. More guards against a collapsed network: with 8-7-5-3 ReLU layers about one seed in
    /// five ends with every unit of a narrow layer dead and predicts the class prior (measured on the paper's ES folds).
    /// </summary>
    public int Restarts { get; init; } = 1;
}

/// <summary>
/// The paper's label-transfer network in plain C#: a multilayer perceptron with ReLU hidden layers and a softmax
/// output, trained by Adam on the cross-entropy with an L2 penalty, in shuffled mini-batches, as scikit-learn's
/// MLPClassifier does (Glorot-uniform initialisation of weights and biases with bound sqrt(6 / (fan_in + fan_out)),
/// Adam β1 0.9, β2 0.999, ε 1e-8, early stop on the training loss). One difference: for two classes scikit-learn
/// uses a single logistic output; this uses a two-way softmax, which is the same model family.
/// </summary>
public sealed class MlpLabelTransfer(MlpOptions? options = null) : ILabelTransfer
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    private readonly MlpOptions _options = options ?? new MlpOptions();
    private double[][][]? _weights; // [layer][out][in]
    private double[][]? _biases;   // [layer][out]

    /// <inheritdoc/>
    public string Name => (_options.Restarts > 1 ? $"mlp-best{_options.Restarts}" : "mlp") + (_options.IncludeDebiased ? "+deb" : "");

    /// <summary>Epochs run by the last <see cref="Fit"/>.</summary>
    public int Epochs { get; private set; }

    /// <summary>Mean training loss of the last epoch of the last <see cref="Fit"/> (cross-entropy plus penalty).</summary>
    public double FinalLoss { get; private set; }

    /// <inheritdoc/>
    public void Fit(IReadOnlyList<GalaxyRecord> labelled, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        if (_options.Restarts < 1) throw new InvalidOperationException($"Restarts must be at least 1, got {_options.Restarts}.");
        var x = TransferFeatures.Of(labelled, _options.IncludeDebiased);
        var y = TransferFeatures.ExpertLabels(labelled, scenario);
        var classes = ScenarioClasses.Of(scenario).Count;
        Network? best = null;
        for (var restart = 0; restart < _options.Restarts; restart++)
        {
            var rng = restart == 0 ? new SeededRandom(_options.Seed) : SeededRandom.Derive(_options.Seed, (ulong)restart);
            var trained = Train(x, y, classes, rng);
            if (best is null || trained.Loss < best.Loss) best = trained;
        }
        (_weights, _biases, Epochs, FinalLoss) = (best!.Weights, best.Biases, best.Epochs, best.Loss);
    }

    private sealed record Network(double[][][] Weights, double[][] Biases, int Epochs, double Loss);

    private Network Train(float[][] x, int[] y, int classes, SeededRandom rng)
    {
        int[] sizes = [x[0].Length, .. _options.HiddenLayers, classes];
        var layers = sizes.Length - 1;
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
        var adam = new Adam(w, b);
        var gw = Zeros(w);
        var gb = b.Select(v => new double[v.Length]).ToArray();
        var acts = sizes.Select(s => new double[s]).ToArray();
        var deltas = sizes.Select(s => new double[s]).ToArray();
        var order = Enumerable.Range(0, x.Length).ToArray();
        var batch = Math.Clamp(_options.BatchSize, 1, x.Length);
        var best = double.PositiveInfinity;
        var stale = 0;
        var epochs = 0;
        var finalLoss = double.NaN;
        for (var epoch = 0; epoch < _options.MaxIterations; epoch++)
        {
            rng.Shuffle<int>(order);
            double epochLoss = 0;
            for (var start = 0; start < order.Length; start += batch)
            {
                var end = Math.Min(start + batch, order.Length);
                Clear(gw, gb);
                double loss = 0;
                for (var n = start; n < end; n++)
                {
                    var row = order[n];
                    Forward(w, b, x[row], acts);
                    var output = acts[^1];
                    loss -= Math.Log(Math.Max(output[y[row]], 1e-300));
                    for (var c = 0; c < classes; c++) deltas[^1][c] = output[c] - (c == y[row] ? 1 : 0);
                    for (var l = layers - 1; l >= 0; l--)
                    {
                        for (var o = 0; o < sizes[l + 1]; o++)
                        {
                            var d = deltas[l + 1][o];
                            if (d == 0) continue;
                            gb[l][o] += d;
                            var gwo = gw[l][o];
                            var input = acts[l];
                            for (var i = 0; i < gwo.Length; i++) gwo[i] += d * input[i];
                        }
                        if (l == 0) break;
                        for (var i = 0; i < sizes[l]; i++)
                        {
                            double sum = 0;
                            if (acts[l][i] > 0)
                                for (var o = 0; o < sizes[l + 1]; o++) sum += w[l][o][i] * deltas[l + 1][o];
                            deltas[l][i] = sum;
                        }
                    }
                }
                var size = end - start;
                double penalty = 0;
                for (var l = 0; l < layers; l++)
                    for (var o = 0; o < w[l].Length; o++)
                        for (var i = 0; i < w[l][o].Length; i++)
                        {
                            penalty += w[l][o][i] * w[l][o][i];
                            gw[l][o][i] = (gw[l][o][i] + _options.L2 * w[l][o][i]) / size;
                        }
                for (var l = 0; l < layers; l++)
                    for (var o = 0; o < gb[l].Length; o++) gb[l][o] /= size;
                epochLoss += loss + 0.5 * _options.L2 * penalty;
                adam.Step(w, b, gw, gb, _options.LearningRate);
            }
            epochLoss /= x.Length;
            epochs = epoch + 1;
            finalLoss = epochLoss;
            stale = epochLoss > best - _options.Tolerance ? stale + 1 : 0;
            if (epochLoss < best) best = epochLoss;
            if (stale > _options.NoImprovementEpochs) break;
        }
        return new Network(w, b, epochs, finalLoss);
    }

    /// <inheritdoc/>
    public float[][] PredictProba(IReadOnlyList<GalaxyRecord> records)
    {
        var w = _weights ?? throw new InvalidOperationException("Call Fit before PredictProba.");
        var b = _biases!;
        var acts = new double[w.Length + 1][];
        acts[0] = new double[w[0][0].Length];
        for (var l = 0; l < w.Length; l++) acts[l + 1] = new double[w[l].Length];
        return records.Select(r =>
        {
            Forward(w, b, TransferFeatures.Of(r, _options.IncludeDebiased), acts);
            return acts[^1].Select(p => (float)p).ToArray();
        }).ToArray();
    }

    private static void Forward(double[][][] w, double[][] b, float[] input, double[][] acts)
    {
        for (var i = 0; i < input.Length; i++) acts[0][i] = input[i];
        for (var l = 0; l < w.Length; l++)
        {
            var output = acts[l + 1];
            for (var o = 0; o < output.Length; o++)
            {
                var z = b[l][o];
                var wo = w[l][o];
                for (var i = 0; i < wo.Length; i++) z += wo[i] * acts[l][i];
                output[o] = l + 1 < w.Length ? Math.Max(z, 0) : z;
            }
        }
        var last = acts[^1];
        var max = last.Max();
        double sum = 0;
        for (var c = 0; c < last.Length; c++) sum += last[c] = Math.Exp(last[c] - max);
        for (var c = 0; c < last.Length; c++) last[c] /= sum;
    }

    private static double[][][] Zeros(double[][][] w) => w.Select(l => l.Select(o => new double[o.Length]).ToArray()).ToArray();

    private static void Clear(double[][][] gw, double[][] gb)
    {
        foreach (var layer in gw) foreach (var row in layer) Array.Clear(row);
        foreach (var row in gb) Array.Clear(row);
    }

    /// <summary>Adam moments for every weight and bias, with scikit-learn's bias-corrected step size.</summary>
    private sealed class Adam(double[][][] w, double[][] b)
    {
        private readonly double[][][] _mw = Zeros(w), _vw = Zeros(w);
        private readonly double[][] _mb = b.Select(v => new double[v.Length]).ToArray(), _vb = b.Select(v => new double[v.Length]).ToArray();
        private int _t;

        public void Step(double[][][] w, double[][] b, double[][][] gw, double[][] gb, double learningRate)
        {
            _t++;
            var rate = learningRate * Math.Sqrt(1 - Math.Pow(Beta2, _t)) / (1 - Math.Pow(Beta1, _t));
            for (var l = 0; l < w.Length; l++)
            {
                for (var o = 0; o < w[l].Length; o++)
                    Update(w[l][o], gw[l][o], _mw[l][o], _vw[l][o], rate);
                Update(b[l], gb[l], _mb[l], _vb[l], rate);
            }
        }

        private static void Update(double[] p, double[] g, double[] m, double[] v, double rate)
        {
            for (var i = 0; i < p.Length; i++)
            {
                m[i] = Beta1 * m[i] + (1 - Beta1) * g[i];
                v[i] = Beta2 * v[i] + (1 - Beta2) * g[i] * g[i];
                p[i] -= rate * m[i] / (Math.Sqrt(v[i]) + Epsilon);
            }
        }
    }
}
