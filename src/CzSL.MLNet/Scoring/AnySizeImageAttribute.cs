using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Image;

namespace CzSL.MLNet.Scoring;

/// <summary>
/// Marks an <see cref="MLImage"/> member as an image column of any size (ML.NET's <c>[ImageType(h, w)]</c> needs a fixed
/// size; the CzSL chains resize whatever they get). Put it on the <c>MLImage</c> property of your own input class.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class AnySizeImageAttribute : DataViewTypeAttribute
{
    /// <summary>Registers <see cref="ImageDataViewType"/> of unknown size for <see cref="MLImage"/> members carrying this attribute.</summary>
    public override void Register() => DataViewTypeManager.Register(new ImageDataViewType(), typeof(MLImage), this);

    /// <inheritdoc />
    public override bool Equals(DataViewTypeAttribute other) => other is AnySizeImageAttribute;

    /// <inheritdoc />
    public override int GetHashCode() => typeof(AnySizeImageAttribute).GetHashCode();
}
