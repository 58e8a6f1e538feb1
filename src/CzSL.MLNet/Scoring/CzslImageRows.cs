using Microsoft.ML.Data;

namespace CzSL.MLNet.Scoring;

/// <summary>PredictionEngine input: an image file path (<see cref="CzslColumns.ImagePath"/>).</summary>
public sealed class CzslImagePath
{
    /// <summary>Image file path, absolute or relative to the chain's image folder.</summary>
    public string ImagePath { get; set; } = "";
}

/// <summary>PredictionEngine input: a decoded image (<see cref="CzslColumns.Image"/>), e.g. from <c>MLImage.CreateFromStream</c>.</summary>
public sealed class CzslImage
{
    /// <summary>The image (any size: the chain resizes it); the caller owns and disposes it.</summary>
    [AnySizeImage]
    public MLImage? Image { get; set; }
}

/// <summary>
/// PredictionEngine output of a <see cref="CzslTransformsCatalog.CzslClassifier"/> chain: the predicted class name and
/// the probabilities in the card's class order; <see cref="ByClass"/> pairs them with the class names.
/// </summary>
public sealed class CzslPrediction
{
    /// <summary>The predicted class name (the argmax of <see cref="Score"/>; "" when no probability is finite).</summary>
    public string PredictedClass { get; set; } = "";

    /// <summary>Class probabilities in the card's class order.</summary>
    public float[] Score { get; set; } = [];

    /// <summary>The probabilities keyed by class name (<paramref name="classNames"/>: the card's, in output order).</summary>
    /// <exception cref="ArgumentException">The class count differs from the score's length.</exception>
    public IReadOnlyDictionary<string, float> ByClass(IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != Score.Length)
            throw new ArgumentException($"{classNames.Count} class names for {Score.Length} probabilities.", nameof(classNames));
        return classNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => Score[p.i], StringComparer.Ordinal);
    }
}
