using CzSL.Data.Metrics;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Stages;

/// <summary>Classifier training: classification loss with optional class weights, balanced sampling, encoder freezing.</summary>
internal sealed class ClassifierObjective : IObjective, IDisposable
{
    private readonly CzslClassifier _model;
    private readonly ClassifierStageOptions _options;
    private readonly Tensor? _classWeights;

    public ClassifierObjective(CzslClassifier model, ClassTargets train, ClassifierStageOptions options, Device device)
    {
        _model = model;
        _options = options;
        TargetWidth = train.ClassCount;
        var weights = options.ClassWeights ?? (options.Balance == ClassBalance.LossWeights ? BalancedWeights(train) : null);
        _classWeights = weights is null ? null : torch.tensor(weights, device: device).DetachFromDisposeScope();
        if (options.Balance == ClassBalance.Sampling)
        {
            var labels = train.HardLabels();
            var counts = new int[train.ClassCount];
            foreach (var l in labels) counts[l]++;
            SamplingWeights = labels.Select(l => 1.0 / counts[l]).ToArray();
        }
    }

    public int TargetWidth { get; }

    public IReadOnlyList<double>? SamplingWeights { get; }

    public bool WantsProbabilities => true;

    public Tensor Loss(Tensor output, Tensor input, Tensor? targets) =>
        Losses.Classification(output, targets!, _classWeights, _options.Loss);

    public double? Metric(float[] probabilities, float[] targets)
    {
        var c = TargetWidth;
        var truth = ClassTargets.HardLabels(targets, c);
        var rows = new float[truth.Length][];
        for (var i = 0; i < rows.Length; i++) rows[i] = probabilities.AsSpan(i * c, c).ToArray();
        var report = ClassificationMetrics.Compute(truth, rows, c);
        return _options.Metric switch
        {
            ValidationMetric.Accuracy => report.Accuracy,
            ValidationMetric.MacroF1 => report.MacroF1,
            ValidationMetric.GMean => report.Binary?.GMean,
            ValidationMetric.RocAuc => report.Binary?.ScoreAuc,
            _ => throw new ArgumentOutOfRangeException(nameof(_options.Metric), _options.Metric, "Unknown metric."),
        };
    }

    public void BeforeEpoch(int epoch)
    {
        var frozen = epoch < _options.FreezeEncoderEpochs;
        foreach (var p in _model.Encoder.parameters()) p.requires_grad = !frozen;
        if (frozen) _model.Encoder.eval();
    }

    public void Dispose() => _classWeights?.Dispose();

    /// <summary>N / (C · n_c) per class; classes absent from the training set get weight 0.</summary>
    internal static float[] BalancedWeights(ClassTargets targets)
    {
        var totals = targets.ClassTotals();
        var n = totals.Sum();
        return totals.Select(t => t > 0 ? (float)(n / (totals.Length * t)) : 0f).ToArray();
    }
}
