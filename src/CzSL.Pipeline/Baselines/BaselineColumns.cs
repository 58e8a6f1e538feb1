namespace CzSL.Pipeline.Baselines;

/// <summary>Column names used by the baselines' data views.</summary>
public static class BaselineColumns
{
    /// <summary>The float feature vector every featurizer produces and every trainer reads.</summary>
    public const string Features = "Features";
    /// <summary>The default Int32 class-index label column.</summary>
    public const string Label = "Label";
    /// <summary>The image path column of <see cref="BaselineData.FromImagePaths"/>.</summary>
    public const string ImagePath = "ImagePath";
}
