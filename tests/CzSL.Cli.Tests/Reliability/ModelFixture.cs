using CzSL.Cli.Tests.Data;
using CzSL.Training;
using CzSL.Training.Modules;
using CzSL.Training.Presets;

namespace CzSL.Cli.Tests.Reliability;

/// <summary>
/// A small simulated dataset (32 px) and an ES classifier exported from a randomly initialised network: enough to
/// exercise export and predict without training.
/// </summary>
internal sealed class ModelFixture : IDisposable
{
    public const int Size = 32;

    private ModelFixture(TempFolder temp) => Temp = temp;

    public TempFolder Temp { get; }
    public string Data => Temp["data"];
    public string Images => Path.Combine(Data, "images");
    public string ModelFolder => Temp["network"];
    public string Models => Temp["models"];
    public string Card => Path.Combine(Models, "es.card.json");

    public static async Task<ModelFixture> Create()
    {
        var fx = new ModelFixture(new TempFolder());
        await Cli.Ok("simulate", "--count", "24", "--size", $"{Size}", "--out", fx.Data);
        TorchRuntime.Initialise(2, "cpu");
        var config = Preset.Small.Network(2, Size);
        using (var model = new CzslClassifier(config)) ModelFiles.Save(fx.ModelFolder, model, config);
        await Cli.Ok("export", "--model", fx.ModelFolder, "--scenario", "es", "--name", "es", "--out", fx.Models);
        return fx;
    }

    public void Dispose() => Temp.Dispose();
}
