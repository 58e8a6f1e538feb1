using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.MLNet.Scoring;

namespace CzSL.MLNet.Tests.Scoring;

[TestClass]
public sealed class PredictorTests
{
    private static ScoringFixture _fx = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static void Init(TestContext _) => _fx = new ScoringFixture(images: 7);

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    private static IReadOnlyList<ImageInput> Inputs() => ImageInputs.Resolve([.. _fx.ImagePaths]);

    private static void AssertMatchesReference(IReadOnlyList<GalaxyPrediction> predictions)
    {
        Assert.HasCount(_fx.ImagePaths.Count, predictions);
        for (var i = 0; i < predictions.Count; i++)
        {
            var reference = _fx.Reference(_fx.Erl, i);
            for (var k = 0; k < 3; k++) Assert.AreEqual(reference[k], predictions[i].Probabilities[k], 1e-5, $"image {i} class {k}");
            Assert.AreEqual(ScenarioClasses.ERL[ScoreMath.Argmax(reference)], predictions[i].PredictedClass);
            Assert.AreEqual($"img{i}", predictions[i].Id);
        }
    }

    [TestMethod]
    public void Batched_onnx_runtime_route_matches_the_reference_across_batch_boundaries()
    {
        using var predictor = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu);
        var progress = new List<PredictionProgress>();
        var predictions = predictor.PredictBatched(Inputs(), batchSize: 3, new SyncProgress<PredictionProgress>(progress.Add));
        AssertMatchesReference(predictions);
        CollectionAssert.AreEqual(new[] { 3, 6, 7 }, progress.Select(p => p.Done).ToArray());
        Assert.IsTrue(progress.All(p => p.Total == 7));
        Assert.AreEqual("CPU", predictor.Provider.ToString());
    }

    [TestMethod]
    public void Prediction_engine_and_data_view_routes_agree_with_the_batched_route()
    {
        using var predictor = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu);
        AssertMatchesReference(predictor.PredictWithMlNet(Inputs()));
        var one = predictor.PredictOne(_fx.ImagePaths[4]);
        var batched = predictor.PredictBatched(Inputs());
        Assert.AreEqual(batched[4].PredictedClass, one.PredictedClass);
        for (var k = 0; k < 3; k++) Assert.AreEqual(batched[4].Probabilities[k], one.Probabilities[k], 1e-6);
    }

    [TestMethod]
    public void PredictToCsv_writes_one_row_per_image_with_a_probability_column_per_class()
    {
        var csv = Path.Combine(_fx.Folder, "out", "predictions.csv");
        var summary = GalaxyPredictor.PredictToCsv(_fx.ErlCard, [_fx.Folder], csv, ScoringDevice.Auto);

        Assert.AreEqual(7, summary.Images);
        Assert.AreEqual(csv, summary.OutputCsv);
        var lines = File.ReadAllLines(csv);
        Assert.AreEqual("id,image,predicted,p_elliptical,p_clockwise,p_anticlockwise,uncertainty,error", lines[0]);
        Assert.HasCount(8, lines);
        for (var i = 0; i < 7; i++)
        {
            var fields = lines[i + 1].Split(',');
            Assert.AreEqual($"img{i}", fields[0]);
            Assert.AreEqual(_fx.ImagePaths[i], fields[1]);
            var reference = _fx.Reference(_fx.Erl, i);
            Assert.AreEqual(ScenarioClasses.ERL[ScoreMath.Argmax(reference)], fields[2]);
            for (var k = 0; k < 3; k++) Assert.AreEqual(reference[k], float.Parse(fields[3 + k], System.Globalization.CultureInfo.InvariantCulture), 1e-5);
            var entropy = -reference.Where(p => p > 0).Sum(p => p * Math.Log(p)) / Math.Log(3);
            Assert.AreEqual(entropy, double.Parse(fields[6], System.Globalization.CultureInfo.InvariantCulture), 1e-5, "uncertainty");
            Assert.AreEqual("", fields[7], "no error");
        }
        Assert.IsFalse(Directory.GetFiles(Path.GetDirectoryName(csv)!, "*.tmp").Any());
    }

    [TestMethod]
    public void Manifest_and_list_inputs_resolve_ids_and_relative_paths()
    {
        var manifest = Path.Combine(_fx.Folder, "manifest.csv");
        ManifestCsv.Write(manifest, [
            new GalaxyRecord { Id = "587722981741363294", Image = "img2.png" },
            new GalaxyRecord { Id = "587722981741363295", Image = "img5.png" },
        ]);
        var list = Path.Combine(_fx.Folder, "list.txt");
        File.WriteAllLines(list, ["# two images", "img1.png", "", "img3.png"]);

        var inputs = ImageInputs.Resolve([manifest, list, _fx.ImagePaths[0]]);
        CollectionAssert.AreEqual(new[] { "587722981741363294", "587722981741363295", "img1", "img3", "img0" }, inputs.Select(i => i.Id).ToArray());
        CollectionAssert.AreEqual(new[] { 2, 5, 1, 3, 0 }.Select(i => _fx.ImagePaths[i]).ToArray(), inputs.Select(i => i.Path).ToArray());
    }

    [TestMethod]
    public void Bad_inputs_fail_naming_file_and_line()
    {
        var list = Path.Combine(_fx.Folder, "bad-list.txt");
        File.WriteAllLines(list, ["img1.png", "missing.png"]);
        var listed = ImageInputs.Resolve([list]);
        Assert.AreEqual($"{list}, line 2", listed[1].Origin);
        using (var predictor = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu))
        {
            var rows = predictor.PredictBatched(listed);
            Assert.IsTrue(rows[0].Scored);
            StringAssert.Contains(rows[1].Error, $"{list}, line 2");
            StringAssert.Contains(rows[1].Error, "missing.png");
        }

        var manifest = Path.Combine(_fx.Folder, "bad-manifest.csv");
        File.WriteAllText(manifest, "id,image\n1,img1.png\n2,\n");
        var noImage = Assert.ThrowsExactly<FormatException>(() => ImageInputs.Resolve([manifest]));
        StringAssert.Contains(noImage.Message, $"{manifest}, line 3, column 'image'");

        Assert.ThrowsExactly<FileNotFoundException>(() => ImageInputs.Resolve([Path.Combine(_fx.Folder, "nothing-here")]));
        var empty = Directory.CreateDirectory(Path.Combine(_fx.Folder, "empty")).FullName;
        Assert.ThrowsExactly<ArgumentException>(() => GalaxyPredictor.PredictToCsv(_fx.ErlCard, [empty], Path.Combine(_fx.Folder, "x.csv")));
    }

    [TestMethod]
    public void Unreadable_files_get_an_error_row_and_every_other_image_is_scored()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_fx.Folder, "bad")).FullName;
        var notImage = Path.Combine(folder, "not-an-image.png");
        File.WriteAllText(notImage, "text");
        var truncated = Path.Combine(folder, "truncated.png");
        var whole = File.ReadAllBytes(_fx.ImagePaths[0]);
        File.WriteAllBytes(truncated, whole[..(whole.Length / 2)]);
        var good = Inputs();
        // Bad files in the middle of batches and alone in one: the good images keep their places and their scores.
        IReadOnlyList<ImageInput> inputs = [good[0], new ImageInput("bad", notImage), .. good.Skip(1), new ImageInput("cut", truncated)];
        using var predictor = new GalaxyPredictor(_fx.ErlCard, ScoringDevice.Cpu);

        var rows = predictor.PredictBatched(inputs, batchSize: 4);

        Assert.HasCount(9, rows);
        StringAssert.Contains(rows[1].Error, notImage);
        StringAssert.Contains(rows[8].Error, "truncated");
        Assert.IsEmpty(rows[8].Probabilities);
        AssertMatchesReference(rows.Where(r => r.Scored).ToList());
        var ex = Assert.ThrowsExactly<ImageDecodeException>(() => predictor.PredictBatched(inputs, batchSize: 4, failFast: true));
        StringAssert.Contains(ex.Message, notImage);
        StringAssert.Contains(Assert.ThrowsExactly<ImageDecodeException>(() => predictor.PredictOne(truncated)).Message, "truncated");
        Assert.ThrowsExactly<ImageDecodeException>(() => predictor.PredictWithMlNet([inputs[8]]));
    }

    [TestMethod]
    public void PredictToCsv_with_one_corrupt_file_among_twenty_writes_every_good_prediction()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_fx.Folder, "twenty")).FullName;
        for (var i = 0; i < 20; i++) TestImages.WriteRandomPng(Path.Combine(folder, $"g{i:D2}.png"), ScoringFixture.Size, ScoringFixture.Size, 500 + i);
        File.WriteAllText(Path.Combine(folder, "g05b.png"), "corrupt");
        var csv = Path.Combine(folder, "out", "predictions.csv");

        var summary = GalaxyPredictor.PredictToCsv(_fx.ErlCard, [folder], csv, ScoringDevice.Cpu);

        Assert.AreEqual((21, 1, 20), (summary.Images, summary.Failed, summary.Scored));
        var lines = File.ReadAllLines(csv);
        Assert.HasCount(22, lines);
        var bad = lines.Single(l => l.StartsWith("g05b,", StringComparison.Ordinal)).Split(',');
        Assert.AreEqual("", bad[2], "no predicted class");
        Assert.AreEqual("", bad[6], "no uncertainty");
        StringAssert.Contains(bad[7], "g05b.png");
        Assert.AreEqual(20, lines.Skip(1).Count(l => l.EndsWith(',') && l.Split(',')[2].Length > 0), "20 scored rows with an empty error");
    }

    [TestMethod]
    public void Cpu_device_uses_cpu_and_auto_reports_what_runs()
    {
        var onnx = Path.Combine(_fx.Folder, "erl.onnx");
        Assert.AreEqual("CPU", OnnxExecutionProvider.Probe(onnx, ScoringDevice.Cpu).ToString());
        var auto = OnnxExecutionProvider.Probe(onnx, ScoringDevice.Auto);
        TestContext.WriteLine($"auto device: {auto}; compiled providers: {string.Join(", ", OnnxExecutionProvider.CompiledProviders())}");
        if (auto.IsCuda)
        {
            Assert.AreEqual("CUDA:0", auto.ToString());
            return;
        }
        Assert.IsNotNull(auto.FallbackReason, "Auto on a machine without CUDA must say why");
        StringAssert.StartsWith(auto.ToString(), "CPU (CUDA unavailable: ");
        var ex = Assert.ThrowsExactly<ExecutionProviderUnavailableException>(() => OnnxExecutionProvider.Probe(onnx, ScoringDevice.Cuda));
        StringAssert.Contains(ex.Message, "CUDA execution provider");
        Assert.AreEqual(auto.FallbackReason, CudaProbe.UnavailableReason, "the probe's reason is what Auto reports");
    }

    [TestMethod]
    public void Device_names_parse_and_map_to_ml_net_settings()
    {
        Assert.AreEqual(ScoringDevice.Auto, OnnxExecutionProvider.ParseDevice("AUTO"));
        Assert.AreEqual(ScoringDevice.Cpu, OnnxExecutionProvider.ParseDevice("cpu"));
        Assert.AreEqual(ScoringDevice.Cuda, OnnxExecutionProvider.ParseDevice("cuda"));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => OnnxExecutionProvider.ParseDevice("tpu")).Message, "auto, cpu or cuda");
        Assert.AreEqual(((int?)null, false), OnnxExecutionProvider.MlNetSettings(ScoringDevice.Cpu));
        // Auto gives CUDA with CPU fallback only where the CUDA provider can load; elsewhere plain CPU (no ONNX Runtime error line).
        Assert.AreEqual(CudaProbe.IsAvailable ? ((int?)1, true) : ((int?)null, false), OnnxExecutionProvider.MlNetSettings(ScoringDevice.Auto, 1));
        Assert.AreEqual(((int?)0, false), OnnxExecutionProvider.MlNetSettings(ScoringDevice.Cuda));
    }

    /// <summary>Progress that reports synchronously (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
