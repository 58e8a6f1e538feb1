using CzSL.Data.Images;
using CzSL.Data.Manifest;
using CzSL.MLNet.Scoring;
using CzSL.MLNet;
using CzSL.Pipeline.Baselines.Features;
using CzSL.Pipeline.Baselines;
using Microsoft.ML.Data;
using Microsoft.ML;

namespace CzSL.Pipeline.Comparison;

/// <summary>
/// Feature vectors of every galaxy of a dataset for the classical baselines, computed once and reused by every
/// trainer, label set and repeat: downsampled raw pixels (ML.NET ImageAnalytics), CAS-style morphology measures,
/// and (per repeat) the autoencoder's code through the exported encoder (ML.NET ApplyOnnxModel).
/// </summary>
public static class FeatureTables
{
    /// <summary>Raw pixels at <paramref name="size"/>×<paramref name="size"/>×3 through ML.NET's LoadImages → ResizeImages → ExtractPixels (÷255).</summary>
    public static float[][] Pixels(DatasetManifest manifest, int size)
    {
        var ml = new MLContext(seed: 1);
        var paths = manifest.Records.Select(RequireImage(manifest)).ToList();
        var data = BaselineData.FromImagePaths(ml, paths);
        var featurizer = new RawPixelFeaturizer(size: size);
        var transformed = featurizer.CreateEstimator(ml).Fit(data).Transform(data);
        return Column(transformed, BaselineColumns.Features);
    }

    /// <summary>CAS morphology vectors from the decoded image store.</summary>
    public static float[][] Cas(DatasetManifest manifest, ImageStore store)
    {
        var paths = manifest.Records.Select(RequireImage(manifest)).ToList();
        var index = paths.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i);
        return CasFeatureTable.Compute(paths, p => store.Image(index[p]).ToArray(), store.Size);
    }

    /// <summary>The encoder's features for every galaxy, through the ML.NET chain of an exported encoder card.</summary>
    public static float[][] Learned(DatasetManifest manifest, string encoderCardPath)
    {
        var ml = new MLContext(seed: 1);
        var paths = manifest.Records.Select(RequireImage(manifest)).ToList();
        var data = BaselineData.FromImagePaths(ml, paths);
        var model = ml.Transforms.CzslEncoder(encoderCardPath, BaselineColumns.ImagePath).Fit(data);
        try
        {
            return Column(model.Transform(data), CzslColumns.Features);
        }
        finally
        {
            (model as IDisposable)?.Dispose();
        }
    }

    private static Func<GalaxyRecord, string> RequireImage(DatasetManifest manifest) => r =>
        r.Image is null ? throw new InvalidDataException($"{manifest.ManifestPath}: galaxy {r.Id} has no image.") : manifest.ImagePath(r);

    private static float[][] Column(IDataView view, string column) =>
        view.GetColumn<float[]>(column).Select(v => (float[])v.Clone()).ToArray();
}
