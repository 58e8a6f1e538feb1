using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.DataPrep.Simulation;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Recipe;
using CzSL.Training.Presets;

namespace CzSL.Pipeline.Tests.Recipe;

/// <summary>A tiny simulated dataset (16 px) shared by the recipe tests, and one-epoch recipe options.</summary>
internal static class TinyDataset
{
    private static readonly Lazy<(string Folder, DatasetManifest Manifest, ImageStore Store)> Data = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "czsl-recipe-tests-" + Guid.NewGuid().ToString("N"));
        new GalaxySimulator(new SimulationOptions { Count = 240, Size = 16, ExpertFraction = 0.4, Seed = 5 }).Simulate(folder);
        var manifest = DatasetManifest.Load(folder);
        return (folder, manifest, ImageStore.Decode(manifest, 16));
    });

    public static string Folder => Data.Value.Folder;
    public static DatasetManifest Manifest => Data.Value.Manifest;
    public static ImageStore Store => Data.Value.Store;

    /// <summary>Our small preset, one epoch per stage, no early stopping.</summary>
    public static RecipeOptions Options { get; } = new()
    {
        Preset = Preset.Small, ImageSize = 16, Epochs = StageEpochs.All(1), BatchSize = 16, Patience = null,
    };

    public const double TestFraction = 0.5;

    /// <summary>Repeat 0's split of <c>compare</c> with <paramref name="seed"/>.</summary>
    public static ExperimentSplit Split(int seed) => ExperimentSplits.Holdout(Manifest.Records, 1, TestFraction, (ulong)seed)[0];

    /// <summary>A recipe as <c>compare</c> runs it (stratified validation, no checkpoints) in a fresh folder.</summary>
    public static CzslRecipe CompareRecipe(string folder, int seed, RecipeOptions? options = null, ValidationSplit? validation = null) =>
        new(options ?? Options, new RecipeContext
        {
            Store = Store,
            Record = i => Manifest.Records[i],
            Validation = validation ?? new StratifiedValidation(),
            Folder = folder,
        }, Split(seed).Pool, seed, 0);
}
