using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>
/// Channels-last memory layout for image batches. On AVX-512 CPUs, oneDNN inside libtorch 2.10 computes wrong input
/// gradients for NCHW-contiguous convolutions whose channel count is not a multiple of 16; channels-last tensors
/// (NCHW shape, NHWC strides) take a correct path, and the layout then propagates through every layer.
/// </summary>
public static class ChannelsLast
{
    /// <summary>True when the 4-D tensor <paramref name="x"/> (N, C, H, W) is stored N×H×W×C.</summary>
    public static bool Is(Tensor x)
    {
        if (x.dim() != 4) return false;
        var s = x.stride();
        var shape = x.shape;
        return s[1] == 1 && s[3] == shape[1] && s[2] == shape[1] * shape[3];
    }

    /// <summary><paramref name="x"/> itself when already channels-last, else a channels-last copy with the same values.</summary>
    public static Tensor Ensure(Tensor x) =>
        x.dim() != 4 || Is(x) ? x : x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    /// <summary>A view of an N×H×W×C batch as an NCHW-shaped (channels-last) tensor, the form the networks take.</summary>
    public static Tensor FromNhwc(Tensor nhwc) => nhwc.permute(0, 3, 1, 2);
}
