using CzSL.Cli.Tests.Data;
using Czsl = CzSL.Cli.Tests.Reliability.Cli;

namespace CzSL.Cli.Tests.Train;

/// <summary><c>czsl release --mc-dropout</c> with a preset whose network has no dropout is refused before any training.</summary>
[TestClass]
public sealed class ReleaseMonteCarloTests
{
    [TestMethod]
    public async Task MonteCarloDropoutOnAPresetWithoutDropoutIsRefusedBeforeTraining()
    {
        using var temp = new TempFolder();
        await Czsl.Ok("simulate", "--count", "40", "--size", "16", "--expert-fraction", "0.5", "--seed", "2", "--out", temp["data"]);

        var (code, reporter) = await Czsl.Run("release", "--data", temp["data"], "--data-description", "simulated, 16 px", "--preset", "paper",
            "--size", "16", "--mc-dropout", "5", "--out", temp["models"], "--work", temp["work"]);

        StringAssert.Contains(Czsl.Failed(code, reporter, ExitCodes.BadInput), "MC-dropout needs a network trained with dropout > 0");
        Assert.IsFalse(Directory.Exists(Path.Combine(temp["work"], "stages")), "nothing was trained");
        var models = temp["models"];
        Assert.IsFalse(Directory.Exists(models) && Directory.EnumerateFiles(models, "*.onnx").Any(), "nothing was released");
    }
}
