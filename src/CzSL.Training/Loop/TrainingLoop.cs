using System.Diagnostics;
using CzSL.Data;
using CzSL.Data.Csv;
using CzSL.Data.Images;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>
/// The epoch loop every stage shares: background batch preparation, one dispose scope per step, per-epoch learning
/// rate, validation under no_grad, early stopping with best-epoch restore, atomic per-epoch checkpoints with exact
/// resume, the training curve CSV and progress reports.
/// </summary>
internal static class TrainingLoop
{
    /// <summary>Trains <paramref name="model"/> in place.</summary>
    /// <param name="stage">Stage name for reports and checkpoints.</param>
    /// <param name="model">The network (already initialised; moved to the runtime device).</param>
    /// <param name="objective">Loss, metric, sampling and per-epoch hooks.</param>
    /// <param name="store">Images.</param>
    /// <param name="channels">Image channels the network takes.</param>
    /// <param name="train">Training samples.</param>
    /// <param name="validation">Validation samples, or null.</param>
    /// <param name="options">Loop settings.</param>
    /// <param name="groups">Parameter groups with learning-rate multipliers.</param>
    /// <param name="fingerprint">Describes the run; a checkpoint of a different run is refused.</param>
    public static TrainingResult Run(string stage, nn.Module<Tensor, Tensor> model, IObjective objective, ImageStore store, int channels,
        SampleSet train, SampleSet? validation, TrainingOptions options,
        IReadOnlyList<(IEnumerable<Parameter> Parameters, double LrMultiplier)> groups, string fingerprint)
    {
        options.Validate();
        if (train.Indices.Length == 0) throw new ArgumentException($"Stage '{stage}': the training set is empty.");
        var device = TorchRuntime.Device;
        model.to(device);
        using var optimizer = options.Optimizer.Create(groups);
        var baseRates = optimizer.ParamGroups.Select(g => g.LearningRate).ToArray();
        var hasValidation = validation is { Indices.Length: > 0 };
        var restoreBest = options.RestoreBest && hasValidation;

        var state = new Checkpoint
        {
            Stage = stage, Fingerprint = fingerprint, EpochsCompleted = 0, BestEpoch = 0,
            BestScore = double.NaN, StoppedEarly = false, WeightsFile = "", OptimizerFile = "", History = [],
        };
        WeightSnapshot? best = null;
        var resumedFrom = 0;
        try
        {
            if (options.Resume && Checkpoint.TryRead(options.CheckpointDirectory!) is { } saved)
            {
                if (saved.Stage != stage || saved.Fingerprint != fingerprint)
                    throw new CheckpointMismatchException(options.CheckpointDirectory!,
                        $"Checkpoint '{options.CheckpointDirectory}' belongs to another run (stage '{saved.Stage}', run '{saved.Fingerprint}'); this is stage '{stage}', run '{fingerprint}'. Resume with the same data and settings, or use another --out.");
                if (saved.BestWeightsFile is not null && restoreBest)
                {
                    Modules.ModelFiles.LoadWeights(Path.Combine(options.CheckpointDirectory!, saved.BestWeightsFile), model);
                    best = WeightSnapshot.Take(model);
                }
                saved.LoadInto(options.CheckpointDirectory!, model, optimizer);
                state = saved with { History = [.. saved.History] };
                resumedFrom = saved.EpochsCompleted;
            }

            using var pool = new BatchPool(Math.Min(options.BatchSize, train.Indices.Length), store.Size, channels, objective.TargetWidth, device.type == DeviceType.CUDA, store.Preprocessing.Downscale);
            var clock = Stopwatch.StartNew();
            var epochsThisRun = 0;
            for (var epoch = state.EpochsCompleted; epoch < options.Epochs && !state.StoppedEarly; epoch++)
            {
                options.Cancellation.ThrowIfCancellationRequested();
                var epochClock = Stopwatch.StartNew();
                var factor = options.Schedule.Factor(epoch, options.Epochs);
                var k = 0;
                foreach (var g in optimizer.ParamGroups) g.LearningRate = baseRates[k++] * factor;
                torch.manual_seed(EpochSeed(options.Seed, epoch));
                model.train();
                objective.BeforeEpoch(epoch);

                var plan = EpochPlan.Create(options.Seed, epoch, train.Indices.Length, options.Augmentation, objective.SamplingWeights);
                var trainLoss = TrainEpoch(stage, epoch, model, objective, optimizer, store, train, plan, pool, device, options.Cancellation);
                var trainSeconds = epochClock.Elapsed.TotalSeconds;

                double? valLoss = null, valMetric = null;
                if (hasValidation) (valLoss, valMetric) = Evaluate(model, objective, store, validation!, pool, device, options.Cancellation);

                var score = options.MonitorMetric ? valMetric ?? double.NaN : -(valLoss ?? double.NaN);
                var improved = hasValidation && !double.IsNaN(score) && (double.IsNaN(state.BestScore) || score > state.BestScore);
                if (!hasValidation || improved)
                {
                    state = state with { BestEpoch = epoch + 1, BestScore = hasValidation ? score : double.NaN };
                    if (restoreBest)
                    {
                        best?.Dispose();
                        best = WeightSnapshot.Take(model);
                    }
                }
                var record = new EpochRecord(epoch + 1, trainLoss, valLoss, valMetric, options.Optimizer.LearningRate * factor,
                    epochClock.Elapsed.TotalSeconds, plan.Positions.Length / Math.Max(trainSeconds, 1e-9));
                state.History.Add(record);
                var stop = options.Patience is { } patience && hasValidation && epoch + 1 - state.BestEpoch >= patience && epoch + 1 < options.Epochs;
                state = state with { EpochsCompleted = epoch + 1, StoppedEarly = stop };
                if (options.CheckpointDirectory is not null)
                    state = Checkpoint.Save(options.CheckpointDirectory, state, model, optimizer, improved && restoreBest);
                if (options.CurvePath is not null)
                    TrainingCurveCsv.Write(options.CurvePath, state.History.Select(h =>
                        new TrainingCurveRow(h.Epoch, h.TrainLoss, h.ValLoss, h.ValMetric, h.LearningRate, h.Seconds)));

                epochsThisRun++;
                var perEpoch = clock.Elapsed / epochsThisRun;
                var remaining = stop ? 0 : options.Epochs - (epoch + 1);
                options.Progress?.Report(new EpochReport(stage, epoch + 1, options.Epochs, record, improved, clock.Elapsed, perEpoch * remaining));
            }

            var bestEpoch = state.EpochsCompleted;
            if (restoreBest && best is not null)
            {
                best.Restore(model);
                bestEpoch = state.BestEpoch;
            }
            return new TrainingResult(state.History, bestEpoch, state.StoppedEarly, resumedFrom);
        }
        finally
        {
            best?.Dispose();
        }
    }

    /// <summary>The libtorch seed of an epoch (dropout masks): a function of (seed, epoch) only.</summary>
    internal static long EpochSeed(long seed, int epoch) =>
        (long)(SeededRandom.Derive((ulong)seed, 0x5EED_0000_0000UL + (ulong)epoch).NextUInt64() >> 1);

    private static double TrainEpoch(string stage, int epoch, nn.Module<Tensor, Tensor> model, IObjective objective, optim.Optimizer optimizer,
        ImageStore store, SampleSet train, EpochPlan plan, BatchPool pool, Device device, CancellationToken cancellation)
    {
        var sum = 0.0;
        var seen = 0;
        var step = 0;
        using var stream = new BatchStream(store, train.Indices, train.Targets, plan, pool, cancellation);
        while (stream.TryNext(out var batch))
        {
            try
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var x = batch.Input(device);
                var targets = pool.TargetWidth > 0 ? batch.TargetRows(device) : null;
                var loss = objective.Loss(model.forward(x), x, targets);
                loss.backward();
                optimizer.step();
                var value = loss.item<float>();
                if (!float.IsFinite(value))
                    throw new InvalidOperationException($"Stage '{stage}': the training loss became {value} at epoch {epoch + 1}, batch {step + 1}; lower the learning rate.");
                sum += value * batch.Count;
                seen += batch.Count;
                step++;
            }
            finally
            {
                stream.Return(batch);
            }
        }
        return sum / Math.Max(seen, 1);
    }

    private static (double Loss, double? Metric) Evaluate(nn.Module<Tensor, Tensor> model, IObjective objective, ImageStore store, SampleSet set,
        BatchPool pool, Device device, CancellationToken cancellation)
    {
        var n = set.Indices.Length;
        var width = pool.TargetWidth;
        var probabilities = objective.WantsProbabilities ? new float[n * width] : null;
        var total = Inference.Fill(model, store, set, pool, PixelTransform.Identity, cancellation, (batch, offset) =>
        {
            var x = batch.Input(device);
            var targets = width > 0 ? batch.TargetRows(device) : null;
            var output = model.forward(x);
            if (probabilities is not null)
                Inference.CopyRows(nn.functional.softmax(output, 1), probabilities.AsSpan(offset * width, batch.Count * width));
            return objective.Loss(output, x, targets).item<float>() * (double)batch.Count;
        });
        var metric = probabilities is not null ? objective.Metric(probabilities, set.Targets!) : null;
        return (total / n, metric);
    }
}
