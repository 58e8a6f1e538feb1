using CzSL.Cli.Commands;
using CzSL.Cli.Tests.Data;
using CzSL.Training.Modules;

namespace CzSL.Cli.Tests.Train;

/// <summary>
/// <c>czsl train expert --from CARD</c>: a released model (card + TorchSharp weights in NAME.torch/) is fine-tuned on
/// another dataset's expert labels, keeping the released network's input size and preprocessing; a card without weights
/// or of another task is refused with a one-line message.
/// </summary>
[TestClass]
public sealed class FromModelTests
{
    [TestMethod]
    public async Task A_released_model_is_fine_tuned_on_new_expert_labels_with_its_own_preprocessing()
    {
        using var temp = new TempFolder();
        var reporter = new FakeReporter();
        async Task<int> Run(params string[] args) => await CzslCommand.Create(reporter).Parse(args).InvokeAsync();
        async Task Ok(params string[] args) =>
            Assert.AreEqual(0, await Run(args), $"czsl {string.Join(' ', args)} failed:\n{string.Join("\n", reporter.Lines)}");
        string[] tiny = ["--preset", "small", "--autoencoder-epochs", "1", "--amateur-epochs", "1", "--expert-epochs", "1", "--threads", "2"];

        // The "release": a network at 16 px made from 2×2-averaged 32 px images, exported with its weights beside the card.
        var first = temp["first"];
        await Ok("simulate", "--count", "120", "--size", "32", "--expert-fraction", "0.4", "--seed", "3", "--out", first);
        var runs = temp["runs"];
        await Ok(["train", "czsl", "--data", first, "--out", runs, "--scenario", "es", "--size", "16", "--downscale", "2", .. tiny]);
        var models = temp["models"];
        await Ok("export", "--model", Path.Combine(runs, "expert-es"), "--scenario", "es", "--name", "galaxy", "--out", models);
        var card = Path.Combine(models, "galaxy.card.json");
        var released = ModelFiles.LoadClassifier(Path.Combine(runs, "expert-es"));
        ModelFiles.Save(Path.Combine(models, "galaxy.torch"), released, released.Config);

        // Another dataset; --size 64 is overridden by the released network's 16 px, 2× downscale.
        var second = temp["second"];
        await Ok("simulate", "--count", "120", "--size", "32", "--expert-fraction", "0.4", "--seed", "4", "--out", second);
        var tuned = temp["tuned"];
        await Ok(["train", "expert", "--from", card, "--data", second, "--out", tuned, "--scenario", "es", "--size", "64", .. tiny]);
        var config = ModelFiles.LoadConfig(Path.Combine(tuned, "expert-es-from-model"));
        Assert.AreEqual(released.Config, config, "the fine-tuned network is the released one's architecture and preprocessing");
        Assert.AreEqual((16, 2), (config.InputSize, config.InputDownscale));
        Assert.IsTrue(reporter.Lines.Any(l => l.Contains("test accuracy") && l.Contains("expert-es-from-model")), string.Join("\n", reporter.Lines));
        var before = ModelFiles.LoadClassifier(Path.Combine(models, "galaxy.torch")).parameters().First().clone();
        var after = ModelFiles.LoadClassifier(Path.Combine(tuned, "expert-es-from-model")).parameters().First();
        Assert.IsFalse(before.allclose(after), "fine-tuning changed the weights");

        // Negative controls: another task's class count, and a card without weights.
        Assert.AreEqual(ExitCodes.BadInput, await Run(["train", "expert", "--from", card, "--data", second, "--out", temp["erl"], "--scenario", "erl", .. tiny]));
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("error:") && l.Contains("has 2 outputs") && l.Contains("ERL")), string.Join("\n", reporter.Lines));
        Directory.Delete(Path.Combine(models, "galaxy.torch"), recursive: true);
        Assert.AreEqual(ExitCodes.BadInput, await Run(["train", "expert", "--from", card, "--data", second, "--out", temp["none"], "--scenario", "es", .. tiny]));
        Assert.IsTrue(reporter.Lines.Any(l => l.StartsWith("error:") && l.Contains("has no TorchSharp weights")), string.Join("\n", reporter.Lines));
    }
}
