using System.Diagnostics;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace CzSL.Pipeline.Baselines;

/// <summary>
/// A classical ML.NET baseline: a feature set (<see cref="IBaselineFeaturizer"/>), feature normalisation and a
/// <see cref="ClassicalTrainer"/>, trained on whichever Int32 class-index column the caller names (expert labels, or
/// amateur labels to be scored against experts). Runs in its own <c>MLContext(seed)</c>: the same options and data
/// give the same probabilities.
/// </summary>
/// <remarks>
/// The featurizer and normaliser are fitted on the training view and reused on the test view, which needs the
/// featurizer's input columns but not the label. Two classes use the binary trainers (Boolean label = class 1),
/// more use the multiclass ones (key label whose order is the class index).
/// </remarks>
public sealed class ClassicalBaseline
{
    private const string KeyLabel = "BaselineLabelKey";
    private const string BooleanLabel = "BaselineLabelBool";

    private readonly IBaselineFeaturizer _featurizer;
    private readonly BaselineOptions _options;

    /// <summary>A baseline over <paramref name="featurizer"/>'s features with <paramref name="options"/> (defaults when null).</summary>
    public ClassicalBaseline(IBaselineFeaturizer featurizer, BaselineOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(featurizer);
        _featurizer = featurizer;
        _options = options ?? new BaselineOptions();
        _options.Validate();
    }

    /// <summary>Method name for reports, e.g. "LightGbm (CAS)".</summary>
    public string Name => $"{_options.Trainer} ({_featurizer.Name})";

    /// <summary>The settings.</summary>
    public BaselineOptions Options => _options;

    /// <summary>Trains on <paramref name="train"/> and scores <paramref name="test"/>.</summary>
    public BaselineRun Run(IDataView train, IDataView test, int classCount, string labelColumn = BaselineColumns.Label)
    {
        using var model = Fit(train, classCount, labelColumn);
        var predictions = model.Predict(test);
        return new BaselineRun(Name, predictions.Probabilities, predictions.Predicted, model.TrainSeconds, predictions.ScoreSeconds);
    }

    /// <summary>
    /// Fits featurizer, normaliser and trainer on <paramref name="train"/>, whose Int32 column
    /// <paramref name="labelColumn"/> holds class indices 0..<paramref name="classCount"/> − 1.
    /// </summary>
    /// <exception cref="ArgumentException">The label column is missing, not Int32, or holds a value out of range (the message names the row).</exception>
    public TrainedBaseline Fit(IDataView train, int classCount, string labelColumn = BaselineColumns.Label)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        ArgumentException.ThrowIfNullOrEmpty(labelColumn);
        CheckLabels(train, labelColumn, classCount);

        var ml = new MLContext(_options.Seed);
        var watch = Stopwatch.StartNew();
        var features = _featurizer.CreateEstimator(ml).Append(Normalizer(ml)).Fit(train);
        var trainFeatures = ml.Data.Cache(features.Transform(train));
        CheckFeatures(trainFeatures.Schema, _featurizer.Name);
        ITransformer scorer;
        if (classCount == 2)
        {
            var labelled = ml.Transforms.CustomMapping<IntLabel, BooleanLabelRow>(
                    (source, target) => target.Value = source.Value == 1, contractName: null,
                    inputSchemaDefinition: Rename<IntLabel>(labelColumn), outputSchemaDefinition: Rename<BooleanLabelRow>(BooleanLabel))
                .Fit(trainFeatures).Transform(trainFeatures);
            scorer = TrainerFactory.Binary(ml, _options, BooleanLabel).Fit(labelled);
        }
        else
        {
            var keys = ml.Data.LoadFromEnumerable(Enumerable.Range(0, classCount).Select(c => new IntLabel { Value = c }).ToArray());
            var labelled = ml.Transforms.Conversion.MapValueToKey(KeyLabel, labelColumn,
                    keyOrdinality: ValueToKeyMappingEstimator.KeyOrdinality.ByOccurrence, keyData: keys)
                .Fit(trainFeatures).Transform(trainFeatures);
            scorer = TrainerFactory.Multiclass(ml, _options, KeyLabel).Fit(labelled);
        }
        watch.Stop();
        return new TrainedBaseline(Name, classCount, features, scorer, watch.Elapsed.TotalSeconds);
    }

    private IEstimator<ITransformer> Normalizer(MLContext ml) => _options.Normalization switch
    {
        FeatureNormalization.MinMax => ml.Transforms.NormalizeMinMax(BaselineColumns.Features),
        FeatureNormalization.MeanVariance => ml.Transforms.NormalizeMeanVariance(BaselineColumns.Features),
        _ => throw new InvalidOperationException($"Unknown normalisation {_options.Normalization}."),
    };

    private static void CheckLabels(IDataView train, string labelColumn, int classCount)
    {
        var column = train.Schema.GetColumnOrNull(labelColumn)
            ?? throw new ArgumentException($"Could not find input column '{labelColumn}'.", nameof(train));
        if (column.Type != NumberDataViewType.Int32)
            throw new ArgumentException($"Schema mismatch for input column '{labelColumn}': expected Int32, got {column.Type}.", nameof(train));
        var row = 0;
        foreach (var label in train.GetColumn<int>(labelColumn))
        {
            if ((uint)label >= (uint)classCount)
                throw new ArgumentException($"Label column '{labelColumn}' row {row} is {label}; expected 0..{classCount - 1}.", nameof(train));
            row++;
        }
        if (row == 0) throw new ArgumentException("The training view has no rows.", nameof(train));
    }

    private static void CheckFeatures(DataViewSchema schema, string featurizer)
    {
        var column = schema.GetColumnOrNull(BaselineColumns.Features)
            ?? throw new InvalidOperationException($"Could not find input column '{BaselineColumns.Features}' after the '{featurizer}' featurizer.");
        if (column.Type is not VectorDataViewType { ItemType: NumberDataViewType t, IsKnownSize: true } || t != NumberDataViewType.Single)
            throw new InvalidOperationException(
                $"Schema mismatch for input column '{BaselineColumns.Features}': expected known-size vector of Single, got {column.Type}.");
    }

    private static SchemaDefinition Rename<T>(string column)
    {
        var schema = SchemaDefinition.Create(typeof(T));
        schema[0].ColumnName = column;
        return schema;
    }

    private sealed class IntLabel
    {
        public int Value { get; set; }
    }

    private sealed class BooleanLabelRow
    {
        public bool Value { get; set; }
    }
}
