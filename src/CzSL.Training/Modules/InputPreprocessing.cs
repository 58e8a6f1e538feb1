using CzSL.Data.Images;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>The network input from images resized as an <see cref="ImagePreprocessing"/> says, in TorchSharp.</summary>
public static class InputPreprocessing
{
    /// <summary>
    /// Crops the centre <see cref="ImagePreprocessing.CropSize"/> px of <paramref name="resized"/> ([N, C, R, R] with
    /// R = <see cref="ImagePreprocessing.ResizeSize"/>) and averages <see cref="ImagePreprocessing.Downscale"/>-blocks:
    /// what the exported graph's first nodes compute.
    /// </summary>
    public static Tensor FromResized(Tensor resized, ImagePreprocessing preprocessing)
    {
        ArgumentNullException.ThrowIfNull(resized);
        ArgumentNullException.ThrowIfNull(preprocessing);
        var x = resized;
        if (preprocessing.ResizeSize != preprocessing.CropSize)
            x = x.narrow(2, preprocessing.CropOffset, preprocessing.CropSize).narrow(3, preprocessing.CropOffset, preprocessing.CropSize);
        return preprocessing.Downscale == 1 ? x : ChannelsLast.Ensure(nn.functional.avg_pool2d(x, preprocessing.Downscale));
    }
}
