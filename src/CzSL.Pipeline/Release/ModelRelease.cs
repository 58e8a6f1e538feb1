using System.Globalization;
using System.Text;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Models;
using CzSL.Data.Splits;
using CzSL.Pipeline.Export;
using CzSL.Pipeline.Recipe;
using CzSL.Reporting.Statistics;
using CzSL.Training;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Release;

/// <summary>Settings of a model release.</summary>
public sealed record ReleaseOptions
{
    /// <summary>How the networks train (the release's recipe).</summary>
    public required RecipeOptions Recipe { get; init; }
    /// <summary>Scenarios to release.</summary>
    public IReadOnlyList<Scenario> Scenarios { get; init; } = [Scenario.ES, Scenario.ERL, Scenario.MG];
    /// <summary>Folds of the cross-validation over the expert-labelled galaxies.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>Master seed.</summary>
    public int Seed { get; init; } = 42;
    /// <summary>One line naming the data, for the cards and the report (survey, framing, label sources).</summary>
    public required string DataDescription { get; init; }
    /// <summary>MC-dropout outputs to export with each released model (null: none).</summary>
    public MonteCarloDropout? MonteCarlo { get; init; }
}

/// <summary>One scenario's cross-validated metrics per method (main metric per fold) and the released model.</summary>
public sealed record ReleasedScenario(Scenario Scenario, string MainMetric, IReadOnlyDictionary<string, double[]> FoldMetrics,
    int ExpertLabels, int AmateurLabels, ExportedModel Model);

/// <summary>
/// Trains and ships the CzSL models of a dataset: the autoencoder on every image; per scenario, amateur pre-training on
/// the galaxies that have only amateur labels; the cross-validated metrics (k folds over the expert-labelled galaxies:
/// each fold fine-tunes on the other folds' expert labels plus the amateur set, and is scored on its own) for CzSL and
/// the references that come free (the pre-trained network, the same CNN on expert labels alone); then the released
/// network, fine-tuned on every expert label, exported to ONNX with a card that says what it was trained on and how
/// well it did under cross-validation.
/// </summary>
public sealed class ModelRelease(ReleaseOptions options, IProgress<ExperimentProgress>? progress = null, Action<string>? log = null)
{
    private static readonly CzslMethod[] References = [CzslMethod.AutoencoderAmateur, CzslMethod.ExpertOnly];
    private double _done;
    private double _total;

    /// <summary>Runs the release of <paramref name="manifest"/>: models and <c>release.md</c> into <paramref name="modelsDir"/>, work files into <paramref name="workDir"/>.</summary>
    /// <exception cref="ArgumentException">MC-dropout asked of a preset whose network has no dropout (before any work).</exception>
    public IReadOnlyList<ReleasedScenario> Run(DatasetManifest manifest, string modelsDir, string workDir, CancellationToken cancellation = default)
    {
        var recipeOptions = options.Recipe;
        if (options.MonteCarlo is not null && recipeOptions.Network(2).Dropout is var dropout && !(dropout > 0))
            throw new ArgumentException($"{MonteCarloDropout.NeedsDropout}; preset {recipeOptions.Preset.Name}'s network has dropout {dropout}.");
        TorchRuntime.EnsureInitialised();
        var records = manifest.Records;
        _total = 1 + options.Scenarios.Count * (options.Folds + 1);
        Report("decoding images");
        var store = ImageStore.LoadOrDecode(recipeOptions.Preprocessing.CachePath(workDir), manifest, recipeOptions.Preprocessing,
            new Progress<(int Done, int Total)>(p => Report($"decoding images {p.Done:N0}/{p.Total:N0}")), cancellation);
        var context = new RecipeContext
        {
            Store = store,
            Record = i => records[i],
            Validation = new StratifiedValidation(),
            Folder = workDir,
            Progress = new Progress<EpochReport>(e => Report($"{e.Stage} epoch {e.Epoch}/{e.Epochs} loss {e.Record.TrainLoss:F4} · " +
                                                             $"{e.Record.ImagesPerSecond:N0} img/s · ETA {e.Eta:mm\\:ss}")),
            Cancellation = cancellation,
            Note = message => log?.Invoke(message),
        };
        using var recipe = new CzslRecipe(recipeOptions, context, Enumerable.Range(0, records.Count).ToArray(), options.Seed, repeat: 0);
        Report($"autoencoder on {records.Count:N0} images");
        recipe.Autoencoder();
        Advance(1, "autoencoder trained");

        var released = new List<ReleasedScenario>();
        foreach (var scenario in options.Scenarios)
        {
            cancellation.ThrowIfCancellationRequested();
            if (ReleaseScenario(recipe, store, records, scenario, modelsDir, cancellation) is { } r) released.Add(r);
        }
        ReleaseReport.Write(released, options, Path.Combine(modelsDir, ReleaseReport.FileName));
        return released;
    }

    private ReleasedScenario? ReleaseScenario(CzslRecipe recipe, ImageStore store, IReadOnlyList<GalaxyRecord> records, Scenario scenario,
        string modelsDir, CancellationToken cancellation)
    {
        // One amateur set for every fold and the release: the galaxies that have only amateur labels.
        var sets = ExpertAndAmateur.Of(records, scenario, options.Recipe.AmateurPolicy);
        var (experts, amateur) = (sets.Expert, sets.Amateur);
        if (experts.Count < 2 * options.Folds || amateur.Count < 2)
        {
            log?.Invoke($"{scenario}: skipped — {experts.Count} expert-labelled and {amateur.Count} amateur-labelled galaxies are too few to release a model.");
            Advance(options.Folds + 1, $"{scenario} skipped");
            return null;
        }
        LabelledSet Expert(IEnumerable<int> rows) => experts.Take(rows);

        var main = ExpertEvaluation.MainMetricName(scenario);
        var metrics = new[] { CzslMethod.Czsl }.Concat(References).ToDictionary(m => m.Name(), _ => new List<double>());
        var folds = new RepeatedStratifiedKFold(options.Folds, 1, (ulong)options.Seed).Folds(experts.Labels);
        foreach (var fold in folds)
        {
            cancellation.ThrowIfCancellationRequested();
            Report($"{scenario} fold {fold.Fold + 1}/{options.Folds}");
            var data = new RecipeData(scenario, Expert(fold.Train), amateur) { Part = $"fold{fold.Fold + 1}" };
            var test = Expert(fold.Test);
            foreach (var method in metrics.Keys.Select(CzslMethods.Parse))
            {
                var result = recipe.Train(data, method);
                using var model = result.Model;
                metrics[method.Name()].Add(ExpertEvaluation.MainMetric(ExpertEvaluation.Score(model, store, data.Expert, test, scenario), scenario));
            }
            Advance(1, $"{scenario} fold {fold.Fold + 1} done");
        }

        Report($"{scenario}: the released network on all {experts.Count} expert labels");
        var all = new RecipeData(scenario, experts, amateur) { Part = "release" };
        using var released = recipe.Train(all, CzslMethod.Czsl).Model;
        // The rare class's decision threshold, chosen on every expert label as each fold chose it on its training folds.
        double? threshold = scenario.IsRareBinary
            ? ExpertEvaluation.Threshold(ClassifierStage.Predict(released, store, all.Expert.Indices), all.Expert.Labels)
            : null;
        var foldMetrics = metrics.ToDictionary(m => m.Key, m => m.Value.ToArray());
        var czsl = foldMetrics[CzslMethod.Czsl.Name()];
        var (cvMean, cvSd, _) = MeanSd.Of(czsl);
        var (_, cvLow, cvHigh, _) = MeanCi.Of(czsl);
        var about = About(scenario, experts.Count, amateur.Count, records.Count, main, foldMetrics);
        var exported = ModelPackage.ExportClassifier(released, modelsDir, $"czsl-{scenario.Name()}", scenario,
            new Dictionary<string, long>
            {
                ["expert_labelled"] = experts.Count, ["amateur_labelled"] = amateur.Count, ["unlabelled_images"] = records.Count,
                ["cv_folds"] = options.Folds, ["image_size"] = options.Recipe.ImageSize, ["image_downscale"] = options.Recipe.Downscale,
            },
            new Dictionary<string, double>
            {
                [$"cv_{main}_mean"] = cvMean, [$"cv_{main}_sd"] = cvSd, [$"cv_{main}_ci95_low"] = cvLow, [$"cv_{main}_ci95_high"] = cvHigh,
                [$"cv_expert_only_{main}_mean"] = foldMetrics[CzslMethod.ExpertOnly.Name()].Average(),
            },
            about: about, trainingPrior: ExpertPrior.Of(all.Expert, sets.ClassCount), decisionThreshold: threshold, monteCarlo: options.MonteCarlo);
        // The TorchSharp weights + network config beside the ONNX file, for `czsl train expert --from <card>` fine-tuning.
        ModelFiles.Save(TorchFolder(exported.CardPath), released, released.Config);
        Advance(1, $"{scenario} released");
        log?.Invoke($"{scenario}: released {exported.CardPath}; cross-validated {main} {cvMean:F3} ± {cvSd:F3} " +
                    $"(expert-only {foldMetrics[CzslMethod.ExpertOnly.Name()].Average():F3})");
        return new ReleasedScenario(scenario, main, foldMetrics, experts.Count, amateur.Count, exported);
    }

    /// <summary>The folder beside a released card holding its network's TorchSharp weights and network.json (<c>NAME.torch</c>).</summary>
    public static string TorchFolder(string cardPath) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(cardPath))!, Path.GetFileName(cardPath).Replace(".card.json", "", StringComparison.Ordinal) + ".torch");

    private ModelAbout About(Scenario scenario, int expert, int amateur, int images, string main, IReadOnlyDictionary<string, double[]> folds)
    {
        var czsl = folds[CzslMethod.Czsl.Name()];
        var (_, low, high, _) = MeanCi.Of(czsl);
        var preprocessing = options.Recipe.Preprocessing;
        return new ModelAbout
        {
            TrainedOn = $"{options.DataDescription}. Autoencoder on all {images:N0} images; amateur pre-training on the {amateur:N0} galaxies " +
                        $"with a volunteer label and no expert label; fine-tuning on the {expert:N0} expert labels plus those amateur labels " +
                        $"(weighted to the expert set's class balance). Images: {preprocessing} (the resize by ML.NET's ResizeImages Fill, " +
                        $"the rest inside the ONNX graph); preset {options.Recipe.Preset.Name}.",
            IntendedUse = $"Research: {string.Join(" / ", ScenarioClasses.Of(scenario))} classification of SDSS-like colour cutouts " +
                          "framed like Galaxy Zoo 1's (galaxy centred, cutout scaled to its size), e.g. to pre-sort a survey for " +
                          "volunteers or experts, or as a starting point to fine-tune on your own expert labels. Not a substitute " +
                          "for expert classification of individual galaxies.",
            Limitations =
            [
                $"Cross-validated on only {expert:N0} expert-labelled galaxies: {main} {czsl.Average():F3} (95% CI [{low:F3}, {high:F3}]); " +
                "the intervals are wide.",
                "Trained on one survey and one framing (Galaxy Zoo 1 SDSS cutouts): other surveys, pixel scales, tighter or wider " +
                "cutouts and other colour stretches shift the inputs; re-measure before trusting it there.",
                preprocessing.Downscale > 1
                    ? $"Inputs are an area average of {preprocessing.Downscale}×{preprocessing.Downscale} blocks of a nearest-pixel resize: smoother than nearest-pixel picking, but not an exact area filter of the original."
                    : "Inputs are downscaled by nearest-pixel picking (ML.NET's ResizeImages), not anti-aliased.",
                "The amateur labels are Galaxy Zoo 1 consensus classes; only the expert-labelled galaxies have votes, so the label " +
                "transfer relabels no amateur galaxy here.",
                "Predicted probabilities follow the expert set's class balance (the training was weighted to it), not your data's.",
            ],
            Evaluation = $"{options.Folds}-fold stratified cross-validation over the expert-labelled galaxies (each fold never trained " +
                         "on; the autoencoder saw every image unlabelled); MG thresholds chosen on the training folds only.",
            Citation = ModelAbout.CzslCitation,
            License = ModelAbout.ProjectLicense,
            DataTerms = ModelAbout.SdssGalaxyZooTerms,
        };
    }

    private void Report(string status) => progress?.Report(new ExperimentProgress(_done, _total, status));

    private void Advance(double units, string status)
    {
        _done += units;
        Report(status);
    }
}

/// <summary>The release's Markdown summary: per scenario, the cross-validated metric per method with its 95% CI.</summary>
public static class ReleaseReport
{
    /// <summary>File name of the summary next to the models.</summary>
    public const string FileName = "release.md";

    /// <summary>Writes the summary atomically.</summary>
    public static void Write(IReadOnlyList<ReleasedScenario> released, ReleaseOptions options, string path)
    {
        var md = new StringBuilder();
        md.AppendLine("# Released CzSL models").AppendLine();
        md.AppendLine(options.DataDescription + ".").AppendLine();
        md.AppendLine($"{options.Folds}-fold stratified cross-validation over the expert-labelled galaxies; preset {options.Recipe.Preset.Name}, " +
                      $"images {options.Recipe.Preprocessing}, seed {options.Seed}. Mean ± sd over folds, 95% CI = mean ± t·sd/√k.").AppendLine();
        md.AppendLine("| scenario | method | metric | mean ± sd | 95% CI | per fold |").AppendLine("|---|---|---|---|---|---|");
        foreach (var r in released)
        foreach (var (method, values) in r.FoldMetrics)
        {
            var (_, low, high, _) = MeanCi.Of(values);
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scenario} ({r.ExpertLabels} expert, {r.AmateurLabels:N0} amateur) | {method} | {r.MainMetric} | {MeanSd.Of(values).Format()} | [{low:F3}, {high:F3}] | {string.Join(", ", values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))} |"));
        }
        md.AppendLine().AppendLine("Models: " + string.Join(", ", released.Select(r => $"`{Path.GetFileName(r.Model.CardPath)}`")) + ".");
        AtomicFile.WriteAllText(path, md.ToString());
    }
}
