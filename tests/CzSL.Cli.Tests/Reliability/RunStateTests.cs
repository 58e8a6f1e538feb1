using CzSL.Cli.Tests.Data;
using CzSL.Data;
using CzSL.Data.Images;

namespace CzSL.Cli.Tests.Reliability;

/// <summary>Runs into a reused or busy output folder: new pixels are trained on, a second run is refused, leftovers are cleaned.</summary>
[TestClass]
public sealed class RunStateTests
{
    private static readonly string[] Tiny = ["--preset", "small", "--size", "32", "--autoencoder-epochs", "1", "--threads", "2"];

    [TestMethod]
    public async Task Resimulating_with_another_seed_into_the_same_folder_trains_on_the_new_pixels()
    {
        using var temp = new TempFolder();
        string data = temp["data"], runs = temp["runs"];
        await Cli.Ok("simulate", "--count", "40", "--size", "32", "--expert-fraction", "0.5", "--seed", "1", "--out", data);
        await Cli.Ok(["train", "autoencoder", "--data", data, "--out", runs, .. Tiny]);
        var cache = Path.Combine(runs, "images-32.bin");
        var first = ImageStore.Load(cache).Pixels;

        await Cli.Ok("simulate", "--count", "40", "--size", "32", "--expert-fraction", "0.5", "--seed", "2", "--out", data);
        await Cli.Ok(["train", "autoencoder", "--data", data, "--out", runs, .. Tiny]);

        var second = ImageStore.Load(cache);
        var images = Directory.GetFiles(Path.Combine(data, "images")).Order().ToList();
        Assert.HasCount(40, images);
        for (var i = 0; i < images.Count; i++)
            CollectionAssert.AreEqual(ImageDecoder.DecodeRgb(images[i], 32), second.Image(i).ToArray(), $"image {i} is the seed-2 image");
        CollectionAssert.AreNotEqual(first, second.Pixels, "negative control: seed 2 drew other galaxies");
    }

    [TestMethod]
    public async Task A_second_run_on_a_busy_output_folder_is_refused_and_writes_nothing()
    {
        using var temp = new TempFolder();
        var out1 = temp["out"];
        using (OutputFolderLock.Acquire(out1))
        {
            var (code, reporter) = await Cli.Run("simulate", "--count", "10", "--size", "16", "--out", out1);
            StringAssert.Contains(Cli.Failed(code, reporter, ExitCodes.BadInput), "in use by another czsl run");
            Assert.IsFalse(File.Exists(Path.Combine(out1, "manifest.csv")));
            Assert.IsFalse(Directory.Exists(Path.Combine(out1, "images")));
        }
        await Cli.Ok("simulate", "--count", "10", "--size", "16", "--out", out1); // released: the folder is free again
    }

    [TestMethod]
    public async Task Temporary_files_of_a_killed_run_are_removed_by_the_next_run()
    {
        using var temp = new TempFolder();
        var out1 = temp["out"];
        var leftovers = new[] { Path.Combine(out1, $".manifest.csv.{Guid.NewGuid():N}.tmp"), Path.Combine(out1, "images", $".sim000001.png.{Guid.NewGuid():N}.tmp") };
        foreach (var f in leftovers)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(f)!);
            File.WriteAllText(f, "half-written");
        }
        var reporter = await Cli.Ok("simulate", "--count", "10", "--size", "16", "--out", out1);
        foreach (var f in leftovers) Assert.IsFalse(File.Exists(f), f);
        reporter.Said("info", "removed 2 temporary file(s)");
        Assert.IsFalse(Directory.EnumerateFiles(out1, "*.tmp", SearchOption.AllDirectories).Any());
    }
}
