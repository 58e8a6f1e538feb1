using System.Net;
using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Models;
using CzSL.DataPrep.Download;
using CzSL.MLNet.Scoring;
using CzSL.Pipeline.Export;
using CzSL.Training;
using CzSL.Training.Loop;
using CzSL.Training.Onnx;

namespace CzSL.Cli.Tests.Reliability;

/// <summary>Every exit path of the one exception → exit code mapping, and real commands that take them.</summary>
[TestClass]
public sealed class ExitCodeTests
{
    private static ModelFixture _fx = null!;

    [ClassInitialize]
    public static async Task Init(TestContext _) => _fx = await ModelFixture.Create();

    [ClassCleanup]
    public static void Cleanup() => _fx.Dispose();

    public static IEnumerable<object[]> Exceptions() =>
    [
        [new ImageDecodeException("/d/a.png", "Image file '/d/a.png' is truncated."), ExitCodes.BadInput],
        [new ModelCardException("c.json", "classNames", "edited"), ExitCodes.BadInput],
        [new CheckpointMismatchException("/r", "belongs to another run"), ExitCodes.BadInput],
        [new OutputFolderBusyException("/r", "in use"), ExitCodes.BadInput],
        [new ImageFolderConflictException("/i", "another size"), ExitCodes.BadInput],
        [new StaleImageCacheException("/c", "stale"), ExitCodes.BadInput],
        [new UnauthorizedAccessException("Access to the path '/ro/x' is denied."), ExitCodes.BadInput],
        [new IOException("Read-only file system : '/ro/x'", 30), ExitCodes.BadInput],
        [new FileNotFoundException("no manifest"), ExitCodes.BadInput],
        [new FormatException("manifest.csv line 3"), ExitCodes.BadInput],
        [new InvalidDataException("corrupt"), ExitCodes.BadInput],
        [new ArgumentException("--size must be > 0"), ExitCodes.BadInput],
        [new AggregateException(new ImageDecodeException("/d/b.png", "corrupt")), ExitCodes.BadInput],
        [new OnnxParityException("m", new OnnxParityResult([new OnnxOutputParity("p", 0.5, 0.1, 10)], 5, 0), 1e-4), ExitCodes.CheckFailed],
        [new DownloadFailedException(new Uri("http://x/t.csv"), "failed 6 times"), ExitCodes.Unavailable],
        [new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."), ExitCodes.Unavailable],
        [new HttpRequestException("refused", null, HttpStatusCode.ServiceUnavailable), ExitCodes.Unavailable],
        [new IOException("No space left on device : '/out/x'", 28), ExitCodes.Unavailable],
        [new ExecutionProviderUnavailableException("no CUDA"), ExitCodes.Unavailable],
        [new CudaUnavailableException("no CUDA"), ExitCodes.Unavailable],
        [new OperationCanceledException(), ExitCodes.Cancelled],
        [new InvalidOperationException("bug"), ExitCodes.Failure],
        [new NullReferenceException(), ExitCodes.Failure],
    ];

    [TestMethod]
    [DynamicData(nameof(Exceptions))]
    public void Each_exception_kind_has_its_documented_exit_code(Exception e, int code)
    {
        var error = CommandErrors.Classify(e);
        Assert.AreEqual(code, error.ExitCode, e.GetType().Name);
        Assert.AreEqual(code == ExitCodes.Failure, error.Internal);
        Assert.IsFalse(error.Message.Contains('\n'));
    }

    [TestMethod]
    public async Task An_internal_error_is_one_line_and_the_trace_comes_only_with_verbose()
    {
        async Task<FakeReporter> Run(params string[] args)
        {
            var reporter = new FakeReporter();
            var parse = CzslCommand.Create(reporter).Parse(args);
            var code = await CommandRunner.Run(reporter, parse, () => throw new InvalidOperationException("something broke\nsecond line"));
            Assert.AreEqual(ExitCodes.Failure, code);
            return reporter;
        }

        var quiet = await Run("simulate");
        Assert.AreEqual("error: internal error (InvalidOperationException): something broke second line", quiet.Said("error", "internal error"));
        Assert.IsFalse(quiet.Lines.Any(l => l.Contains("   at ", StringComparison.Ordinal)), "no stack trace without --verbose");
        quiet.Said("detail", "--verbose");
        var verbose = await Run("simulate", "--verbose");
        StringAssert.Contains(verbose.Said("detail", "InvalidOperationException"), "   at ");
    }

    [TestMethod]
    public async Task A_corrupt_image_in_the_training_data_is_bad_input_naming_file_and_row()
    {
        using var temp = new TempFolder();
        var data = temp["data"];
        await Cli.Ok("simulate", "--count", "30", "--size", "16", "--expert-fraction", "0.5", "--out", data);
        var victim = Directory.GetFiles(Path.Combine(data, "images")).Order().ElementAt(3);
        File.WriteAllBytes(victim, File.ReadAllBytes(victim)[..40]);
        var (code, reporter) = await Cli.Run("train", "autoencoder", "--data", data, "--out", temp["runs"], "--preset", "small", "--size", "16", "--autoencoder-epochs", "1");
        var error = Cli.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, victim);
        StringAssert.Contains(error, "manifest.csv line 5");
    }

    [TestMethod]
    public async Task An_edited_card_is_bad_input_naming_the_field()
    {
        using var temp = new TempFolder();
        foreach (var f in Directory.GetFiles(_fx.Models, "es.*")) File.Copy(f, Path.Combine(temp.Path, Path.GetFileName(f)));
        var card = Path.Combine(temp.Path, "es.card.json");
        File.WriteAllText(card, File.ReadAllText(card).Replace("0.003921569", "1", StringComparison.Ordinal));
        var (code, reporter) = await Cli.Run("predict", "--model", card, "--out", temp["p.csv"], _fx.Images);
        StringAssert.Contains(Cli.Failed(code, reporter, ExitCodes.BadInput), "field 'input.pixelScale'");
        Assert.IsFalse(File.Exists(temp["p.csv"]));
    }

    [TestMethod]
    public async Task A_card_whose_input_size_does_not_match_the_model_is_bad_input_not_an_onnx_runtime_error()
    {
        using var temp = new TempFolder();
        foreach (var f in Directory.GetFiles(_fx.Models, "es.*")) File.Copy(f, Path.Combine(temp.Path, Path.GetFileName(f)));
        var card = Path.Combine(temp.Path, "es.card.json");
        var loaded = ModelCard.Load(card);
        (loaded with { Input = loaded.Input with { Width = 64, Height = 64 } }).Save(card); // sealed, so only the graph check can catch it
        var (code, reporter) = await Cli.Run("predict", "--model", card, "--out", temp["p.csv"], _fx.Images);
        var error = Cli.Failed(code, reporter, ExitCodes.BadInput);
        StringAssert.Contains(error, "field 'input.height'");
        StringAssert.Contains(error, $"[N,3,{ModelFixture.Size},{ModelFixture.Size}]");
    }

    [TestMethod]
    public async Task An_output_folder_that_cannot_be_created_is_bad_input()
    {
        using var temp = new TempFolder();
        var file = temp["a-file"];
        File.WriteAllText(file, "x");
        var (code, reporter) = await Cli.Run("simulate", "--count", "5", "--out", Path.Combine(file, "sub"));
        StringAssert.Contains(Cli.Failed(code, reporter, ExitCodes.BadInput), file);
    }

    [TestMethod]
    public async Task A_download_that_keeps_failing_is_unavailable()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: every attempt is refused
        using var temp = new TempFolder();
        var (code, reporter) = await Cli.Run("data", "gz1", "--table", $"http://127.0.0.1:{port}/GalaxyZoo1_DR_table2.csv", "--manifest", _fx.Data,
            "--out", temp["out"], "--cache", temp["cache"], "--max-attempts", "2");
        StringAssert.Contains(Cli.Failed(code, reporter, ExitCodes.Unavailable), "failed 2 times");
        Assert.IsFalse(File.Exists(Path.Combine(temp["out"], "manifest.csv")));
    }

    [TestMethod]
    public async Task Cuda_asked_for_where_it_cannot_start_is_unavailable()
    {
        if (CudaProbe.IsAvailable) Assert.Inconclusive("this machine has CUDA");
        using var temp = new TempFolder();
        var (code, reporter) = await Cli.Run("predict", "--model", _fx.Card, "--device", "cuda", "--out", temp["p.csv"], _fx.Images);
        StringAssert.Contains(Cli.Failed(code, reporter, ExitCodes.Unavailable), CudaProbe.UnavailableReason!);
    }
}
