using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>
/// One reusable batch: a CPU tensor of B×H×W×C pixel values (pinned when training on CUDA), an optional B×K target
/// tensor, and the training-list positions of its samples. Batches are filled on a background thread and go back to
/// their <see cref="BatchPool"/> after the step, so no memory is allocated per image or per batch.
/// </summary>
internal sealed class Batch : IDisposable
{
    public Batch(int capacity, int size, int channels, int targetWidth, bool pinned, int downscale = 1)
    {
        Capacity = capacity;
        Downscale = downscale;
        Pixels = Allocate([capacity, size, size, channels], pinned);
        Targets = targetWidth > 0 ? Allocate([capacity, targetWidth], pinned) : null;
        Positions = new int[capacity];
    }

    /// <summary>Block side of the area average that makes the network input from the pixels (1: none).</summary>
    public int Downscale { get; }

    /// <summary>Most samples the batch holds.</summary>
    public int Capacity { get; }

    /// <summary>Samples in this use of the batch (the last batch of an epoch may be partial).</summary>
    public int Count { get; set; }

    /// <summary>Capacity×H×W×C floats, values in [0, 1].</summary>
    public Tensor Pixels { get; }

    /// <summary>Capacity×K target rows, or null when the stream carries no targets.</summary>
    public Tensor? Targets { get; }

    /// <summary>Positions (into the training list) of the <see cref="Count"/> samples.</summary>
    public int[] Positions { get; }

    /// <summary>The pixel memory as floats (the tensor's own CPU storage; written in place).</summary>
    public Span<float> PixelSpan => MemoryMarshal.Cast<byte, float>(Pixels.bytes);

    /// <summary>The target memory as floats.</summary>
    public Span<float> TargetSpan => Targets is null ? [] : MemoryMarshal.Cast<byte, float>(Targets.bytes);

    /// <summary>
    /// The network input of the first <see cref="Count"/> images: an NCHW-shaped, channels-last tensor on
    /// <paramref name="device"/>, the pixels' <see cref="Downscale"/>-block average (exactly ONNX's AveragePool).
    /// </summary>
    public Tensor Input(Device device)
    {
        var x = Modules.ChannelsLast.FromNhwc(Pixels.narrow(0, 0, Count));
        if (device.type != DeviceType.CPU) x = x.to(device, non_blocking: true);
        return Downscale == 1 ? x : Modules.ChannelsLast.Ensure(nn.functional.avg_pool2d(x, Downscale));
    }

    /// <summary>The first <see cref="Count"/> target rows on <paramref name="device"/>.</summary>
    public Tensor TargetRows(Device device)
    {
        if (Targets is null) throw new InvalidOperationException("This batch stream carries no targets.");
        var t = Targets.narrow(0, 0, Count);
        return device.type == DeviceType.CPU ? t : t.to(device, non_blocking: true);
    }

    public void Dispose()
    {
        Pixels.Dispose();
        Targets?.Dispose();
    }

    private static Tensor Allocate(long[] shape, bool pinned)
    {
        var t = torch.zeros(shape, ScalarType.Float32);
        if (pinned)
        {
            var p = t.pin_memory();
            t.Dispose();
            t = p;
        }
        return t.DetachFromDisposeScope();
    }
}
