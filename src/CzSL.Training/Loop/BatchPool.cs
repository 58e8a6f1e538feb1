using System.Collections.Concurrent;

namespace CzSL.Training.Loop;

/// <summary>
/// A fixed set of <see cref="Batch"/> buffers shared by the batch streams of one training run: two queued ahead of
/// the training step, one in use, one being filled.
/// </summary>
internal sealed class BatchPool : IDisposable
{
    private readonly List<Batch> _all = [];
    private readonly BlockingCollection<Batch> _free = new(new ConcurrentQueue<Batch>());

    /// <summary>
    /// Allocates <paramref name="buffers"/> batches of <paramref name="capacity"/> images of size×size×channels, whose
    /// network input is their <paramref name="downscale"/>×<paramref name="downscale"/> block average.
    /// </summary>
    public BatchPool(int capacity, int size, int channels, int targetWidth, bool pinned, int downscale = 1, int buffers = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(downscale);
        Capacity = capacity;
        Size = size;
        Downscale = downscale;
        Channels = channels;
        TargetWidth = targetWidth;
        for (var i = 0; i < buffers; i++)
        {
            var b = new Batch(capacity, size, channels, targetWidth, pinned, downscale);
            _all.Add(b);
            _free.Add(b);
        }
    }

    /// <summary>Images per batch.</summary>
    public int Capacity { get; }

    /// <summary>Image side (as stored, before the block average).</summary>
    public int Size { get; }

    /// <summary>Block side of the area average between the stored image and the network input (1: none).</summary>
    public int Downscale { get; }

    /// <summary>Image channels.</summary>
    public int Channels { get; }

    /// <summary>Floats per target row (0: no targets).</summary>
    public int TargetWidth { get; }

    /// <summary>Waits for a free batch.</summary>
    public Batch Rent(CancellationToken cancellation) => _free.Take(cancellation);

    /// <summary>Gives a batch back after use.</summary>
    public void Return(Batch batch) => _free.Add(batch);

    public void Dispose()
    {
        foreach (var b in _all) b.Dispose();
        _free.Dispose();
    }
}
