using CzSL.Data.Csv;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Native;
using CzSL.Training.Stages;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

[TestClass]
public sealed class ClassifierStageTests
{
    private static readonly NetworkConfig Tiny = NetworkConfig.Default(2, 16) with { EncoderChannels = [16, 16, 16], HiddenUnits = [16], Dropout = 0.2 };

    private static ClassifierStageOptions Options(int epochs, long seed = 11) => new()
    {
        Training = new TrainingOptions
        {
            Epochs = epochs,
            BatchSize = 8,
            Optimizer = new OptimizerSettings(OptimizerKind.AdamW, 3e-3, 1e-4),
            Schedule = LrSchedule.Cosine(1),
            Augmentation = Augmentation.Galaxy,
            Seed = seed,
        },
    };

    [TestMethod]
    public void OneBatchIsOverfitted()
    {
        var (store, labels) = SyntheticImages.Create(8, 16, classes: 2);
        var idx = Enumerable.Range(0, 8).ToArray();
        var targets = ClassTargets.Hard(labels, 2);
        var options = Options(60) with
        {
            Training = Options(60).Training with { Augmentation = Augmentation.None, Schedule = LrSchedule.Constant, Optimizer = new OptimizerSettings(OptimizerKind.Adam, 1e-2) },
        };
        var result = ClassifierStage.Train(store, idx, targets, [], ClassTargets.Hard([], 2), Tiny with { Dropout = 0 }, options);
        using var model = result.Model;
        Assert.IsLessThan(0.05, result.Training.History[^1].TrainLoss, $"first loss {result.Training.History[0].TrainLoss}");
        Assert.IsGreaterThan(0.3, result.Training.History[0].TrainLoss);
        var p = ClassifierStage.Predict(model, store, idx);
        for (var i = 0; i < idx.Length; i++) Assert.IsGreaterThan(0.9f, p[i][labels[i]], $"image {i}");
    }

    [TestMethod]
    public void PaperPresetWithSgdAndMseLowersTheLoss()
    {
        var (store, labels) = SyntheticImages.Create(32, 64, classes: 2);
        var idx = Enumerable.Range(0, 32).ToArray();
        var options = ClassifierStageOptions.Paper with { Training = TrainingOptions.Paper with { Epochs = 8, Optimizer = OptimizerSettings.PaperSgd with { LearningRate = 0.1 } } };
        var result = ClassifierStage.Train(store, idx, ClassTargets.Hard(labels, 2), [], ClassTargets.Hard([], 2), NetworkConfig.Paper(2), options);
        result.Model.Dispose();
        Assert.IsTrue(result.Training.History.All(h => double.IsFinite(h.TrainLoss)));
        Assert.IsLessThan(result.Training.History[0].TrainLoss, result.Training.History[^1].TrainLoss);
    }

    [TestMethod]
    public void SameSeedGivesIdenticalWeights()
    {
        var (store, labels) = SyntheticImages.Create(24, 16);
        var idx = Enumerable.Range(0, 20).ToArray();
        var val = Enumerable.Range(20, 4).ToArray();
        var t = ClassTargets.Hard(labels[..20], 2);
        var v = ClassTargets.Hard(labels[20..], 2);
        var a = ClassifierStage.Train(store, idx, t, val, v, Tiny, Options(3));
        var b = ClassifierStage.Train(store, idx, t, val, v, Tiny, Options(3));
        var c = ClassifierStage.Train(store, idx, t, val, v, Tiny, Options(3, seed: 12));
        using (a.Model)
        using (b.Model)
        using (c.Model)
        {
            Assert.IsTrue(SameWeights(a.Model, b.Model), "two runs with one seed differ");
            Assert.IsFalse(SameWeights(a.Model, c.Model), "another seed gave the same weights");
            CollectionAssert.AreEqual(a.Training.History.Select(h => h.TrainLoss).ToArray(), b.Training.History.Select(h => h.TrainLoss).ToArray());
        }
    }

    [TestMethod]
    public void ResumeAfterInterruptionEqualsAnUninterruptedRun()
    {
        var (store, labels) = SyntheticImages.Create(24, 16);
        var idx = Enumerable.Range(0, 20).ToArray();
        var val = Enumerable.Range(20, 4).ToArray();
        var t = ClassTargets.Hard(labels[..20], 2);
        var v = ClassTargets.Hard(labels[20..], 2);
        using var full = new SyntheticImages.TempDir();
        using var split = new SyntheticImages.TempDir();
        var options = Options(5);
        var uninterrupted = ClassifierStage.Train(store, idx, t, val, v, Tiny,
            options with { Training = options.Training with { CheckpointDirectory = full.Path, CurvePath = Path.Combine(full.Path, "curve.csv") } });

        using var cancel = new CancellationTokenSource();
        var first = options with
        {
            Training = options.Training with
            {
                CheckpointDirectory = split.Path,
                Cancellation = cancel.Token,
                Progress = new SyntheticImages.SyncProgress<EpochReport>(r => { if (r.Epoch == 2) cancel.Cancel(); }),
            },
        };
        Assert.ThrowsExactly<OperationCanceledException>(() => ClassifierStage.Train(store, idx, t, val, v, Tiny, first));
        Assert.IsTrue(File.Exists(Path.Combine(split.Path, "state.json")));

        var resumed = ClassifierStage.Train(store, idx, t, val, v, Tiny,
            options with { Training = options.Training with { CheckpointDirectory = split.Path, Resume = true } });
        using (uninterrupted.Model)
        using (resumed.Model)
        {
            Assert.AreEqual(2, resumed.Training.ResumedFromEpoch);
            Assert.AreEqual(uninterrupted.Training.BestEpoch, resumed.Training.BestEpoch);
            Assert.IsTrue(SameWeights(uninterrupted.Model, resumed.Model), "resumed weights differ from the uninterrupted run");
            CollectionAssert.AreEqual(uninterrupted.Training.History.Select(h => h.TrainLoss).ToArray(), resumed.Training.History.Select(h => h.TrainLoss).ToArray());
        }
        var curve = File.ReadAllLines(Path.Combine(full.Path, "curve.csv"));
        Assert.AreEqual(TrainingCurveCsv.Header, curve[0]);
        Assert.HasCount(6, curve);
        Assert.AreEqual(3, Directory.GetFiles(full.Path, "*.bin").Length, "checkpoint keeps last weights, optimiser state and best weights only");

        var other = options with { Training = options.Training with { CheckpointDirectory = split.Path, Resume = true, Seed = 99 } };
        var e = Assert.ThrowsExactly<CheckpointMismatchException>(() => ClassifierStage.Train(store, idx, t, val, v, Tiny, other));
        StringAssert.Contains(e.Message, "another run");
    }

    [TestMethod]
    public void EarlyStoppingRestoresTheBestEpoch()
    {
        // Random labels: the network memorises the training set and the validation loss soon rises.
        var (store, _) = SyntheticImages.Create(40, 16);
        var random = new CzSL.Data.SeededRandom(5);
        var labels = Enumerable.Range(0, 40).Select(_ => random.NextInt(2)).ToArray();
        var idx = Enumerable.Range(0, 24).ToArray();
        var val = Enumerable.Range(24, 16).ToArray();
        var v = ClassTargets.Hard(labels[24..], 2);
        var options = Options(30) with
        {
            Training = Options(30).Training with { Patience = 3, Augmentation = Augmentation.None, Schedule = LrSchedule.Constant, Optimizer = new OptimizerSettings(OptimizerKind.Adam, 1e-2) },
        };
        var result = ClassifierStage.Train(store, idx, ClassTargets.Hard(labels[..24], 2), val, v, Tiny with { Dropout = 0 }, options);
        using var model = result.Model;
        var history = result.Training.History;
        var bestEpoch = history.MinBy(h => h.ValLoss!.Value)!.Epoch;
        Assert.AreEqual(bestEpoch, result.Training.BestEpoch);
        Assert.IsTrue(result.Training.StoppedEarly, $"val losses: {string.Join(", ", history.Select(h => h.ValLoss))}");
        Assert.HasCount(bestEpoch + 3, history);

        // The returned weights are the best epoch's: recomputing its validation loss gives the recorded value.
        var p = ClassifierStage.Predict(model, store, val);
        var valLoss = -Enumerable.Range(0, val.Length).Average(i => Math.Log(p[i][labels[24 + i]]));
        Assert.AreEqual(history[bestEpoch - 1].ValLoss!.Value, valLoss, 1e-4);
    }

    [TestMethod]
    public void FrozenEncoderKeepsItsWeightsWhileTheHeadLearns()
    {
        var (store, labels) = SyntheticImages.Create(16, 16);
        var idx = Enumerable.Range(0, 16).ToArray();
        torch.manual_seed(4);
        using var ae = new ConvAutoencoder(Tiny);
        var options = Options(2) with { FreezeEncoderEpochs = 2 };
        var result = ClassifierStage.Train(store, idx, ClassTargets.Hard(labels, 2), [], ClassTargets.Hard([], 2), Tiny, options, ae.Encoder);
        using var model = result.Model;
        var before = ae.state_dict();
        var after = model.state_dict();
        foreach (var key in before.Keys.Where(k => k.StartsWith("encoder.", StringComparison.Ordinal)))
            Assert.IsTrue(after[key].equal(before[key]).all().item<bool>(), key);
        Assert.IsTrue(model.Encoder.parameters().All(p => p.requires_grad), "requires_grad restored after training");

        var unfrozen = ClassifierStage.Train(store, idx, ClassTargets.Hard(labels, 2), [], ClassTargets.Hard([], 2), Tiny, options with { FreezeEncoderEpochs = 1 }, ae.Encoder);
        using var m2 = unfrozen.Model;
        Assert.IsFalse(m2.state_dict()["encoder.layers.conv0.weight"].equal(before["encoder.layers.conv0.weight"]).all().item<bool>(), "encoder trained after unfreezing");
    }

    [TestMethod]
    public void MemoryAndTensorCountStayFlatAcrossEpochs()
    {
        var (store, labels) = SyntheticImages.Create(64, 32);
        var idx = Enumerable.Range(0, 48).ToArray();
        var val = Enumerable.Range(48, 16).ToArray();
        var config = NetworkConfig.Default(2, 32) with { EncoderChannels = [16, 32, 32], HiddenUnits = [32] };
        var live = new List<long>();
        var rss = new List<long>();
        var options = Options(8) with
        {
            Training = Options(8).Training with
            {
                Progress = new SyntheticImages.SyncProgress<EpochReport>(_ =>
                {
                    GC.Collect();
                    GC.WaitForPendingFinalizers();
                    live.Add(Tensor.TotalCount);
                    rss.Add(ProcessMemory.ResidentBytes());
                }),
            },
        };
        var result = ClassifierStage.Train(store, idx, ClassTargets.Hard(labels[..48], 2), val, ClassTargets.Hard(labels[48..], 2), config, options);
        result.Model.Dispose();
        Assert.AreEqual(live[1], live[^1], $"live tensors per epoch: {string.Join(", ", live)}");
        var growth = rss[^1] - rss[2];
        Assert.IsLessThan(24L << 20, growth, $"resident set per epoch (MiB): {string.Join(", ", rss.Select(r => r >> 20))}");
    }

    [TestMethod]
    public void PredictionsAreProbabilitiesAndTestTimeAugmentationAveragesSymmetries()
    {
        var (store, _) = SyntheticImages.Create(6, 16);
        torch.manual_seed(2);
        using var model = new CzslClassifier(Tiny with { ClassCount = 3 });
        var idx = new[] { 5, 0, 3 };
        var plain = ClassifierStage.Predict(model, store, idx);
        var tta = ClassifierStage.Predict(model, store, idx, testTimeAugmentation: true, batchSize: 2);
        Assert.HasCount(3, plain);
        foreach (var row in plain.Concat(tta))
        {
            Assert.HasCount(3, row);
            Assert.AreEqual(1.0, row.Sum(), 1e-5);
        }
        // Row order follows the indices: image 5 alone gives the first row.
        var single = ClassifierStage.Predict(model, store, [5]);
        CollectionAssert.AreEqual(single[0], plain[0]);
        var embedding = ClassifierStage.Embed(model, store, idx);
        Assert.HasCount(16, embedding[0]);
    }

    [TestMethod]
    public void MismatchedInputsAreRejectedWithClearMessages()
    {
        var (store, labels) = SyntheticImages.Create(4, 16);
        var e = Assert.ThrowsExactly<ArgumentException>(() =>
            ClassifierStage.Train(store, [0, 1, 2], ClassTargets.Hard(labels, 2), [], ClassTargets.Hard([], 2), Tiny, Options(1)));
        StringAssert.Contains(e.Message, "4 rows for 3 images");
        e = Assert.ThrowsExactly<ArgumentException>(() =>
            ClassifierStage.Train(store, [0, 1, 2, 3], ClassTargets.Hard(labels, 2), [], ClassTargets.Hard([], 2), NetworkConfig.Paper(2), Options(1)));
        StringAssert.Contains(e.Message, "16×16");
        var range = Assert.ThrowsExactly<ArgumentOutOfRangeException>(() =>
            ClassifierStage.Predict(new CzslClassifier(Tiny), store, [0, 9]));
        StringAssert.Contains(range.Message, "indices[1] = 9");
    }

    private static bool SameWeights(nn.Module a, nn.Module b)
    {
        var sb = b.state_dict();
        return a.state_dict().All(kv => kv.Value.equal(sb[kv.Key]).all().item<bool>());
    }
}
