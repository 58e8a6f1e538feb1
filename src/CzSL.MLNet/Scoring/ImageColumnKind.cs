namespace CzSL.MLNet.Scoring;

/// <summary>What the image column of a CzSL scoring chain holds; read from the column's type when the chain is fitted.</summary>
public enum ImageColumnKind
{
    /// <summary>Text: an image file path (absolute, or relative to the chain's image folder).</summary>
    Path,
    /// <summary>A decoded <c>Microsoft.ML.Data.MLImage</c>.</summary>
    Image,
}
