using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;

namespace CzSL.Pipeline.Transfer;

/// <summary>
/// Settings of <see cref="MlpLabelTransfer"/>; the defaults are the reference's: scikit-learn's
/// <c>MLPClassifier((8, 7, 5, 3), solver='adam', alpha=1e-4, max_iter=300, random_state=0)</c> fitted on a one-hot target
/// (multilabel output).
/// </summary>
public sealed record MlpOptions
{
    /// <summary>Hidden layer widths (paper: 8-7-5-3).</summary>
    public IReadOnlyList<int> HiddenLayers { get; init; } = [8, 7, 5, 3];
    /// <summary>The output layer and its loss (the reference: <see cref="MlpOutput.Multilabel"/>).</summary>
    public MlpOutput Output { get; init; } = MlpOutput.Multilabel;
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
    /// <summary>
    /// Seed of the initialisation and the epoch shuffles (the reference's random_state is 0; our generator is not
    /// numpy's, so the same seed does not give scikit-learn's initial weights).
    /// </summary>
    public ulong Seed { get; init; }
    /// <summary>The input columns.</summary>
    public TransferFeatures Features { get; init; }
    /// <summary>
    /// Independent initialisations trained; the one with the lowest final training loss is kept. 1 (the default) is
    /// scikit-learn's behaviour. More guards against a collapsed network: with 8-7-5-3 ReLU layers some seeds end with
    /// every unit of a narrow layer dead and predict the class prior.
    /// </summary>
    public int Restarts { get; init; } = 1;
}

/// <summary>
/// The paper's label-transfer network in plain C#: a multilayer perceptron with ReLU hidden layers, trained by Adam
/// with an L2 penalty in shuffled mini-batches as scikit-learn's MLPClassifier does (Glorot-uniform initialisation of
/// weights and biases, Adam β1 0.9, β2 0.999, ε 1e-8, early stop on the training loss). Its output is the reference's
/// multilabel layer (independent sigmoids, binary log-loss; <see cref="PredictProba"/> gives the per-column
/// probabilities, which need not sum to 1, and <see cref="Decide"/> applies 0.5 per column then the tie rule) or our
/// softmax (cross-entropy, argmax).
/// </summary>
/// <remarks>
/// The tie rule: the reference passes <c>MLP.predict</c>'s 0/1 columns through <c>check_bin_labels</c>, a helper the
/// published repository does not define. We read it as its own label helpers decode a row (<c>np.argmax</c>): a row
/// with exactly one column above 0.5 is that class; a row with none is class 0; a row with several is the first of them.
/// </remarks>
public sealed class MlpLabelTransfer(MlpOptions? options = null) : ILabelTransfer
{
    private const double Beta1 = 0.9, Beta2 = 0.999, Epsilon = 1e-8;

    private readonly MlpOptions _options = options ?? new MlpOptions();
    private MlpNetwork? _network;

    /// <inheritdoc/>
    public string Name => (_options.Output, _options.Restarts) switch
    {
        (MlpOutput.Multilabel, 1) => "mlp",
        (MlpOutput.Multilabel, var r) => $"mlp-multilabel-best{r}",
        (_, 1) => "mlp-softmax",
        (_, var r) => $"mlp-best{r}",
    } + TransferMethod.Suffix(_options.Features);

    /// <summary>Epochs run by the last <see cref="Fit"/>.</summary>
    public int Epochs { get; private set; }

    /// <summary>Mean training loss of the last epoch of the last <see cref="Fit"/> (the output's loss plus penalty).</summary>
    public double FinalLoss { get; private set; }

    /// <inheritdoc/>
    public void Fit(IReadOnlyList<GalaxyRecord> labelled, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        if (_options.Restarts < 1) throw new InvalidOperationException($"Restarts must be at least 1, got {_options.Restarts}.");
        var x = _options.Features.Of(labelled);
        var y = TransferFeatures.ExpertLabels(labelled, scenario);
        var classes = ScenarioClasses.Of(scenario).Count;
        Trained? best = null;
        for (var restart = 0; restart < _options.Restarts; restart++)
        {
            var rng = restart == 0 ? new SeededRandom(_options.Seed) : SeededRandom.Derive(_options.Seed, (ulong)restart);
            var trained = Train(x, y, classes, rng);
            if (best is null || trained.Loss < best.Loss) best = trained;
        }
        (_network, Epochs, FinalLoss) = (best!.Network, best.Epochs, best.Loss);
    }

    private sealed record Trained(MlpNetwork Network, int Epochs, double Loss);

    private Trained Train(float[][] x, int[] y, int classes, SeededRandom rng)
    {
        var network = MlpNetwork.Random([x[0].Length, .. _options.HiddenLayers, classes], _options.Output, rng);
        var (w, b) = (network.Weights, network.Biases);
        var adam = new Adam(w, b);
        var gw = Zeros(w);
        var gb = b.Select(v => new double[v.Length]).ToArray();
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
                for (var n = start; n < end; n++) loss += network.Accumulate(x[order[n]], y[order[n]], gw, gb);
                var size = end - start;
                double penalty = 0;
                for (var l = 0; l < w.Length; l++)
                    for (var o = 0; o < w[l].Length; o++)
                        for (var i = 0; i < w[l][o].Length; i++)
                        {
                            penalty += w[l][o][i] * w[l][o][i];
                            gw[l][o][i] = (gw[l][o][i] + _options.L2 * w[l][o][i]) / size;
                        }
                for (var l = 0; l < w.Length; l++)
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
        return new Trained(network, epochs, finalLoss);
    }

    /// <inheritdoc/>
    public float[][] PredictProba(IReadOnlyList<GalaxyRecord> records)
    {
        var network = _network ?? throw new InvalidOperationException("Call Fit before PredictProba.");
        return records.Select(r => network.Predict(_options.Features.Of(r)).Select(p => (float)p).ToArray()).ToArray();
    }

    /// <inheritdoc/>
    public int Decide(float[] probabilities) =>
        _options.Output == MlpOutput.Multilabel ? DecideMultilabel(probabilities) : ClassificationMetrics.ArgMax(probabilities);

    /// <summary>
    /// The reference's decision for independent per-class probabilities: each column at 0.5 (scikit-learn predicts a
    /// column when p &gt; 0.5), then the tie rule of the class remarks (none → class 0, several → the first).
    /// </summary>
    public static int DecideMultilabel(IReadOnlyList<float> probabilities)
    {
        for (var c = 0; c < probabilities.Count; c++)
            if (probabilities[c] > 0.5f) return c;
        return 0;
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
