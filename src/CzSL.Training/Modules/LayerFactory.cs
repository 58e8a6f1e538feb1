using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>Builds the standard TorchSharp layers the networks are made of (and nothing else, so the ONNX exporter knows them all).</summary>
internal static class LayerFactory
{
    /// <summary>The activation layer for <paramref name="kind"/> (<see cref="NetworkConfig.Activation"/>).</summary>
    public static nn.Module<Tensor, Tensor> Activation(ActivationKind kind) => kind switch
    {
        ActivationKind.Relu => nn.ReLU(),
        ActivationKind.LeakyRelu => nn.LeakyReLU(0.01),
        ActivationKind.Elu => nn.ELU(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown activation."),
    };

    /// <summary>A 3×3 convolution with "same" padding (output size = input size / stride).</summary>
    public static nn.Module<Tensor, Tensor> Conv3x3(long inChannels, long outChannels, long stride, bool bias) =>
        nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: bias);
}
