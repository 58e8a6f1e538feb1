using System.Runtime.InteropServices;
using CzSL.Data.Images;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>Runs a network over images in evaluation mode, without gradients, in batches fed from a background thread.</summary>
internal static class Inference
{
    /// <summary>
    /// <paramref name="head"/>(batch) for every image of <paramref name="indices"/> (after <paramref name="transform"/>),
    /// as row-major rows of <paramref name="width"/> floats in the order of <paramref name="indices"/>.
    /// </summary>
    public static float[] Run(nn.Module model, ImageStore store, int[] indices, int channels, int batchSize, PixelTransform transform,
        Func<Tensor, Tensor> head, int width, CancellationToken cancellation = default)
    {
        var device = TorchRuntime.Device;
        var rows = new float[(long)indices.Length * width];
        if (indices.Length == 0) return rows;
        using var pool = new BatchPool(Math.Min(batchSize, indices.Length), store.Size, channels, 0, device.type == DeviceType.CUDA, store.Preprocessing.Downscale);
        Fill(model, store, new SampleSet(indices, null), pool, transform, cancellation, (batch, offset) =>
        {
            var output = head(batch.Input(device));
            CopyRows(output, rows.AsSpan(offset * width, batch.Count * width));
            return 0;
        });
        return rows;
    }

    /// <summary>Visits <paramref name="set"/> in order under eval mode and no_grad, one dispose scope per batch; returns the sum of <paramref name="step"/>'s values.</summary>
    public static double Fill(nn.Module model, ImageStore store, SampleSet set, BatchPool pool, PixelTransform transform, CancellationToken cancellation,
        Func<Batch, int, double> step)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        using var stream = new BatchStream(store, set.Indices, set.Targets, EpochPlan.Sequential(set.Indices.Length, transform), pool, cancellation);
        var offset = 0;
        var total = 0.0;
        while (stream.TryNext(out var batch))
        {
            try
            {
                using var scope = torch.NewDisposeScope();
                total += step(batch, offset);
                offset += batch.Count;
            }
            finally
            {
                stream.Return(batch);
            }
        }
        return total;
    }

    /// <summary>Copies a 2-D float tensor (any device) into <paramref name="destination"/>, row-major (call inside a dispose scope).</summary>
    public static void CopyRows(Tensor output, Span<float> destination)
    {
        var cpu = output.detach().to(ScalarType.Float32, torch.CPU).contiguous();
        var values = MemoryMarshal.Cast<byte, float>(cpu.bytes);
        if (values.Length != destination.Length)
            throw new InvalidOperationException($"Network output has {values.Length} values, expected {destination.Length}.");
        values.CopyTo(destination);
    }
}
