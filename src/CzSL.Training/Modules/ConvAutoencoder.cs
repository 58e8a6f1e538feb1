using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>
/// Convolutional autoencoder: an <see cref="Encoder"/> (field <c>encoder</c>) and a mirrored decoder (field
/// <c>decoder</c>) that ends in a 3×3 convolution to the input channels and a sigmoid, so reconstructions lie in [0, 1].
/// </summary>
/// <remarks>
/// Decoder block i (encoder channels reversed): with <see cref="UpsampleKind.Nearest"/>, conv 3×3 →
/// [batch norm] → activation → nearest 2× up-sampling (<c>conv{i}</c>, <c>bn{i}</c>, <c>act{i}</c>, <c>up{i}</c>);
/// with <see cref="UpsampleKind.Transposed"/>, a 2×2 stride-2 transposed convolution (<c>deconv{i}</c>) →
/// [batch norm] → activation. Then <c>out</c> (conv 3×3) and <c>sigmoid</c>.
/// </remarks>
public sealed class ConvAutoencoder : nn.Module<Tensor, Tensor>
{
    private readonly Encoder encoder;
    private readonly Sequential decoder;

    /// <summary>Builds the autoencoder described by <paramref name="config"/>.</summary>
    public ConvAutoencoder(NetworkConfig config) : base(nameof(ConvAutoencoder))
    {
        ArgumentNullException.ThrowIfNull(config);
        Config = config.Validated();
        encoder = new Encoder(config);
        decoder = BuildDecoder(config);
        RegisterComponents();
    }

    /// <summary>The configuration the network was built from.</summary>
    public NetworkConfig Config { get; }

    /// <summary>The encoder (its weights initialise the classifier's).</summary>
    public Encoder Encoder => encoder;

    /// <summary>The decoder layers, in order (for exporters).</summary>
    public Sequential Decoder => decoder;

    /// <summary>Reconstructs an (N, C, H, W) batch of pixel/255 values; output has the same shape, values in [0, 1].</summary>
    public override Tensor forward(Tensor input) => decoder.forward(encoder.forward(input));

    private static Sequential BuildDecoder(NetworkConfig config)
    {
        var list = new List<(string, nn.Module<Tensor, Tensor>)>();
        long inChannels = config.CodeChannels;
        var channels = config.EncoderChannels.Reverse().ToArray();
        for (var i = 0; i < channels.Length; i++)
        {
            long c = channels[i];
            if (config.DecoderUpsample == UpsampleKind.Transposed)
            {
                list.Add(($"deconv{i}", nn.ConvTranspose2d(inChannels, c, kernel_size: 2, stride: 2, bias: !config.BatchNorm)));
                if (config.BatchNorm) list.Add(($"bn{i}", nn.BatchNorm2d(c)));
                list.Add(($"act{i}", LayerFactory.Activation(config.Activation)));
            }
            else
            {
                list.Add(($"conv{i}", LayerFactory.Conv3x3(inChannels, c, 1, bias: !config.BatchNorm)));
                if (config.BatchNorm) list.Add(($"bn{i}", nn.BatchNorm2d(c)));
                list.Add(($"act{i}", LayerFactory.Activation(config.Activation)));
                list.Add(($"up{i}", nn.Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest)));
            }
            inChannels = c;
        }
        list.Add(("out", LayerFactory.Conv3x3(inChannels, config.InputChannels, 1, bias: true)));
        list.Add(("sigmoid", nn.Sigmoid()));
        return nn.Sequential(list);
    }
}
