using System.Collections.Concurrent;
using CzSL.Data.Images;

namespace CzSL.Training.Loop;

/// <summary>
/// Fills batches for one pass over a sample list on a background thread (at most two batches ahead) while the
/// caller trains on the previous one: pixels are converted from the store's uint8 HWC images with each visit's
/// augmentation, and target rows are copied alongside.
/// </summary>
internal sealed class BatchStream : IDisposable
{
    private readonly BatchPool _pool;
    private readonly BlockingCollection<Batch> _ready = new(new ConcurrentQueue<Batch>(), boundedCapacity: 2);
    private readonly CancellationTokenSource _stop;
    private readonly Thread _producer;
    private Exception? _failure;

    /// <param name="store">Images.</param>
    /// <param name="indices">Store index of each sample of the list.</param>
    /// <param name="targets">Row-major target rows per sample (width <see cref="BatchPool.TargetWidth"/>), or null.</param>
    /// <param name="plan">Visiting order and augmentation.</param>
    /// <param name="pool">Buffers.</param>
    /// <param name="cancellation">Stops the stream early.</param>
    public BatchStream(ImageStore store, IReadOnlyList<int> indices, float[]? targets, EpochPlan plan, BatchPool pool, CancellationToken cancellation)
    {
        _pool = pool;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        _producer = new Thread(() => Produce(store, indices, targets, plan)) { IsBackground = true, Name = "czsl-batches" };
        _producer.Start();
    }

    /// <summary>Waits for the next batch; false after the last one. Rethrows a failure of the producer.</summary>
    public bool TryNext(out Batch batch)
    {
        try
        {
            if (_ready.TryTake(out batch!, Timeout.Infinite, _stop.Token)) return true;
        }
        catch (InvalidOperationException) when (_ready.IsCompleted)
        {
            batch = null!;
        }
        if (_failure is not null) throw new InvalidOperationException($"Preparing a batch failed: {_failure.Message}", _failure);
        _stop.Token.ThrowIfCancellationRequested();
        return false;
    }

    /// <summary>Gives a batch back to the pool once the step that used it is done.</summary>
    public void Return(Batch batch) => _pool.Return(batch);

    public void Dispose()
    {
        _stop.Cancel();
        _producer.Join();
        while (_ready.TryTake(out var b)) _pool.Return(b);
        _ready.Dispose();
        _stop.Dispose();
    }

    /// <summary>Copies a target row; a mirrored galaxy of class c becomes class <paramref name="mirrorClasses"/>[c].</summary>
    internal static void CopyTarget(ReadOnlySpan<float> source, Span<float> destination, int[]? mirrorClasses)
    {
        if (mirrorClasses is null)
        {
            source.CopyTo(destination);
            return;
        }
        for (var c = 0; c < source.Length; c++) destination[mirrorClasses[c]] = source[c];
    }

    private void Produce(ImageStore store, IReadOnlyList<int> indices, float[]? targets, EpochPlan plan)
    {
        Batch? pending = null;
        try
        {
            var size = _pool.Size;
            var channels = _pool.Channels;
            var imageFloats = size * size * channels;
            var width = _pool.TargetWidth;
            var n = plan.Positions.Length;
            for (var start = 0; start < n; start += _pool.Capacity)
            {
                var batch = pending = _pool.Rent(_stop.Token);
                var count = Math.Min(_pool.Capacity, n - start);
                batch.Count = count;
                var pixels = batch.PixelSpan;
                var rows = batch.TargetSpan;
                for (var i = 0; i < count; i++)
                {
                    var position = plan.Positions[start + i];
                    batch.Positions[i] = position;
                    var transform = plan.Transforms[start + i];
                    // Shifts are in network pixels: k stored pixels each when the input is a k×k block average.
                    if (_pool.Downscale > 1) transform = transform with { ShiftY = transform.ShiftY * _pool.Downscale, ShiftX = transform.ShiftX * _pool.Downscale };
                    transform.Apply(store.Image(indices[position]), size, channels, pixels.Slice(i * imageFloats, imageFloats));
                    if (targets is not null) CopyTarget(targets.AsSpan(position * width, width), rows.Slice(i * width, width), plan.Transforms[start + i].Flip ? plan.MirrorClasses : null);
                }
                _ready.Add(batch, _stop.Token);
                pending = null;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed or cancelled: the consumer stops reading.
        }
        catch (Exception e)
        {
            _failure = e;
        }
        finally
        {
            if (pending is not null) _pool.Return(pending);
            _ready.CompleteAdding();
        }
    }
}
