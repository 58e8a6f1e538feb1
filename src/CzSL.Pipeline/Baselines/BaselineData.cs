using Microsoft.ML;
using Microsoft.ML.Data;

namespace CzSL.Pipeline.Baselines;

/// <summary>Builds the data views the baselines read: feature vectors or image paths, with an optional class-index label.</summary>
public static class BaselineData
{
    /// <summary>
    /// A view with a known-size Single vector column <see cref="BaselineColumns.Features"/> and, when
    /// <paramref name="labels"/> is given, an Int32 column <see cref="BaselineColumns.Label"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Empty input, ragged or non-finite vectors (naming row and column), or a label count mismatch.</exception>
    public static IDataView FromVectors(MLContext mlContext, IReadOnlyList<float[]> features, IReadOnlyList<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(features);
        if (features.Count == 0) throw new ArgumentException("No feature rows.", nameof(features));
        CheckLabelCount(labels, features.Count);
        var width = features[0].Length;
        if (width == 0) throw new ArgumentException("Feature row 0 is empty.", nameof(features));
        for (var row = 0; row < features.Count; row++)
        {
            if (features[row].Length != width)
                throw new ArgumentException($"Feature row {row} has {features[row].Length} values; row 0 has {width}.", nameof(features));
            for (var column = 0; column < width; column++)
                if (!float.IsFinite(features[row][column]))
                    throw new ArgumentException($"Feature row {row}, column {column} is {features[row][column]}; features must be finite.", nameof(features));
        }
        var vectorType = new VectorDataViewType(NumberDataViewType.Single, width);
        if (labels is null)
        {
            var schema = SchemaDefinition.Create(typeof(VectorRow));
            schema[nameof(VectorRow.Features)].ColumnType = vectorType;
            return mlContext.Data.LoadFromEnumerable(features.Select(f => new VectorRow { Features = f }).ToArray(), schema);
        }
        var labelled = SchemaDefinition.Create(typeof(LabelledVectorRow));
        labelled[nameof(LabelledVectorRow.Features)].ColumnType = vectorType;
        return mlContext.Data.LoadFromEnumerable(
            features.Select((f, i) => new LabelledVectorRow { Features = f, Label = labels[i] }).ToArray(), labelled);
    }

    /// <summary>
    /// A view with a Text column <see cref="BaselineColumns.ImagePath"/> (for <see cref="RawPixelFeaturizer"/>) and,
    /// when <paramref name="labels"/> is given, an Int32 column <see cref="BaselineColumns.Label"/>.
    /// </summary>
    public static IDataView FromImagePaths(MLContext mlContext, IReadOnlyList<string> imagePaths, IReadOnlyList<int>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(mlContext);
        ArgumentNullException.ThrowIfNull(imagePaths);
        if (imagePaths.Count == 0) throw new ArgumentException("No image paths.", nameof(imagePaths));
        CheckLabelCount(labels, imagePaths.Count);
        for (var row = 0; row < imagePaths.Count; row++)
            if (string.IsNullOrEmpty(imagePaths[row])) throw new ArgumentException($"Image path of row {row} is empty.", nameof(imagePaths));
        return labels is null
            ? mlContext.Data.LoadFromEnumerable(imagePaths.Select(p => new ImageRow { ImagePath = p }).ToArray())
            : mlContext.Data.LoadFromEnumerable(imagePaths.Select((p, i) => new LabelledImageRow { ImagePath = p, Label = labels[i] }).ToArray());
    }

    private static void CheckLabelCount(IReadOnlyList<int>? labels, int rows)
    {
        if (labels is not null && labels.Count != rows)
            throw new ArgumentException($"{labels.Count} labels for {rows} rows.", nameof(labels));
    }

    private sealed class VectorRow
    {
        public float[] Features { get; set; } = [];
    }

    private sealed class LabelledVectorRow
    {
        public float[] Features { get; set; } = [];
        public int Label { get; set; }
    }

    private sealed class ImageRow
    {
        public string ImagePath { get; set; } = "";
    }

    private sealed class LabelledImageRow
    {
        public string ImagePath { get; set; } = "";
        public int Label { get; set; }
    }
}
