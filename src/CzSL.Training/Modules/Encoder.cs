using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>
/// The convolutional encoder shared by <see cref="ConvAutoencoder"/> and <see cref="CzslClassifier"/>: per block a
/// 3×3 convolution (same padding), optional batch norm, the activation and a 2× down-sampling (max-pool or stride 2).
/// </summary>
/// <remarks>
/// Its only registered field is <c>layers</c>, a <see cref="Sequential"/> of standard layers named <c>conv{i}</c>,
/// <c>bn{i}</c>, <c>act{i}</c>, <c>pool{i}</c>. Both owners hold it under the field name <c>encoder</c>, so weight keys
/// (<c>encoder.layers.conv0.weight</c>, …) match and transfer by name. Input: NCHW-shaped float batches, pixel/255;
/// a batch that is not channels-last is copied to channels-last first (see <see cref="ChannelsLast"/>).
/// </remarks>
public sealed class Encoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential layers;

    /// <summary>Builds the encoder described by <paramref name="config"/>.</summary>
    public Encoder(NetworkConfig config) : base(nameof(Encoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        var list = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inChannels = config.InputChannels;
        var strided = config.Downsample == DownsampleKind.Stride;
        for (var i = 0; i < config.EncoderChannels.Length; i++)
        {
            long c = config.EncoderChannels[i];
            list.Add(($"conv{i}", LayerFactory.Conv3x3(inChannels, c, strided ? 2 : 1, bias: !config.BatchNorm)));
            if (config.BatchNorm) list.Add(($"bn{i}", nn.BatchNorm2d(c)));
            list.Add(($"act{i}", LayerFactory.Activation(config.Activation)));
            if (!strided) list.Add(($"pool{i}", nn.MaxPool2d(2)));
            inChannels = c;
        }
        layers = nn.Sequential(list);
        OutputChannels = config.CodeChannels;
        OutputSize = config.CodeSize;
        RegisterComponents();
    }

    /// <summary>Channels of the code this encoder produces.</summary>
    public int OutputChannels { get; }

    /// <summary>Height and width of the code this encoder produces.</summary>
    public int OutputSize { get; }

    /// <summary>The layers, in order (for exporters).</summary>
    public Sequential Layers => layers;

    /// <summary>Encodes an (N, C, H, W) batch into (N, OutputChannels, OutputSize, OutputSize).</summary>
    public override Tensor forward(Tensor input) => layers.forward(ChannelsLast.Ensure(input));
}
