using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Transfer;

/// <summary>ML.NET trainers available for label transfer.</summary>
public enum MlNetTransferTrainer
{
    /// <summary>Multinomial logistic regression (<c>LbfgsMaximumEntropy</c>).</summary>
    LbfgsMaximumEntropy,
    /// <summary>Gradient-boosted trees (<c>LightGbm</c>, multiclass objective).</summary>
    LightGbm,
    /// <summary>Random forest (<c>FastForest</c>, one binary forest per class through <c>OneVersusAll</c>, Platt-calibrated).</summary>
    FastForest,
}

/// <summary>Settings of <see cref="MlNetLabelTransfer"/>.</summary>
public sealed record MlNetTransferOptions
{
    /// <summary>The trainer.</summary>
    public MlNetTransferTrainer Trainer { get; init; } = MlNetTransferTrainer.LbfgsMaximumEntropy;
    /// <summary>The input columns.</summary>
    public TransferFeatures Features { get; init; }
    /// <summary>Seed of the <see cref="MLContext"/>.</summary>
    public int Seed { get; init; } = 1;
    /// <summary>L2 weight of <see cref="MlNetTransferTrainer.LbfgsMaximumEntropy"/> (ML.NET default 1).</summary>
    public float L2 { get; init; } = 1f;
    /// <summary>L1 weight of <see cref="MlNetTransferTrainer.LbfgsMaximumEntropy"/> (ML.NET default 1).</summary>
    public float L1 { get; init; } = 1f;
}

/// <summary>
/// Label transfer with an ML.NET multiclass trainer on the vote fractions (two-class scenarios use the same multiclass
/// path with two classes). The label is a key column with one value per scenario class, so the score vector comes
/// out in <see cref="ScenarioClasses"/> order; scores are normalised to sum to 1.
/// </summary>
public sealed class MlNetLabelTransfer(MlNetTransferOptions? options = null) : ILabelTransfer
{
    private const string FeaturesColumn = "Features", LabelColumn = "Label", ScoreColumn = "Score";

    private readonly MlNetTransferOptions _options = options ?? new MlNetTransferOptions();
    private readonly MLContext _ml = new((options ?? new MlNetTransferOptions()).Seed);
    private ITransformer? _model;
    private int _classes;

    /// <inheritdoc/>
    public string Name => _options.Trainer switch
    {
        MlNetTransferTrainer.LbfgsMaximumEntropy => "lbfgs-maxent",
        MlNetTransferTrainer.LightGbm => "lightgbm",
        MlNetTransferTrainer.FastForest => "fastforest-ova",
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    } + TransferMethod.Suffix(_options.Features);

    /// <inheritdoc/>
    public void Fit(IReadOnlyList<GalaxyRecord> labelled, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(labelled);
        var labels = TransferFeatures.ExpertLabels(labelled, scenario);
        _classes = ScenarioClasses.Of(scenario).Count;
        var data = Load(_options.Features.Of(labelled), labels);
        IEstimator<ITransformer> trainer = _options.Trainer switch
        {
            MlNetTransferTrainer.LbfgsMaximumEntropy => _ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                LabelColumn, FeaturesColumn, l1Regularization: _options.L1, l2Regularization: _options.L2),
            MlNetTransferTrainer.LightGbm => _ml.MulticlassClassification.Trainers.LightGbm(LabelColumn, FeaturesColumn),
            MlNetTransferTrainer.FastForest => _ml.MulticlassClassification.Trainers.OneVersusAll(
                _ml.BinaryClassification.Trainers.FastForest(featureColumnName: FeaturesColumn), LabelColumn),
            _ => throw new InvalidOperationException($"Unknown trainer {_options.Trainer}."),
        };
        _model = trainer.Fit(data);
    }

    /// <inheritdoc/>
    public float[][] PredictProba(IReadOnlyList<GalaxyRecord> records)
    {
        var model = _model ?? throw new InvalidOperationException("Call Fit before PredictProba.");
        if (records.Count == 0) return []; // an empty view has no vector size for the schema to bind
        var data = Load(_options.Features.Of(records), new int[records.Count]);
        var scores = model.Transform(data).GetColumn<float[]>(ScoreColumn).ToArray();
        foreach (var row in scores)
        {
            if (row.Length != _classes)
                throw new InvalidOperationException($"The {Name} model gave {row.Length} scores; expected {_classes}.");
            double sum = 0;
            for (var c = 0; c < row.Length; c++) sum += row[c] = float.IsFinite(row[c]) ? Math.Max(row[c], 0f) : 0f;
            for (var c = 0; c < row.Length; c++) row[c] = sum > 0 ? (float)(row[c] / sum) : 1f / row.Length;
        }
        return scores;
    }

    /// <inheritdoc/>
    public int Decide(float[] probabilities) => ClassificationMetrics.ArgMax(probabilities);

    private IDataView Load(float[][] features, int[] labels)
    {
        var rows = features.Select((f, i) => new Row { Features = f, Label = (uint)labels[i] }).ToArray();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[FeaturesColumn].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Length == 0 ? 1 : features[0].Length);
        schema[LabelColumn].ColumnType = new KeyDataViewType(typeof(uint), _classes);
        return _ml.Data.LoadFromEnumerable(rows, schema);
    }

    /// <summary>A training row; <see cref="Label"/> is the 0-based class index (LoadFromEnumerable stores key value index + 1).</summary>
    private sealed class Row
    {
        public float[] Features { get; set; } = [];
        public uint Label { get; set; }
    }
}
