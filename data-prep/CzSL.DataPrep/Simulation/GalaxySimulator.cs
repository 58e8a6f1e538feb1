using System.Diagnostics;
using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// Builds a simulated CzSL dataset: galaxy images (<c>images/&lt;id&gt;.png</c>), Galaxy Zoo 1-style volunteer votes,
/// expert labels for a random few and the ground truth, in a folder with a <c>manifest.csv</c>
/// (<see cref="DatasetManifest"/>).
/// </summary>
/// <remarks>
/// Deterministic: galaxy i draws from streams derived from (<see cref="SimulationOptions.Seed"/>, i)
/// (<see cref="SimulationStreams"/>), so equal options give byte-identical manifests and images whatever the number
/// of threads. Images are rendered in parallel, one <see cref="GalaxyRenderer"/> per worker.
/// </remarks>
public sealed class GalaxySimulator
{
    private readonly GalaxySampler _sampler;
    private readonly VolunteerSimulator _volunteers;
    private readonly ExpertLabeler _experts;

    /// <summary>A simulator for <paramref name="options"/> (validated here).</summary>
    public GalaxySimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
        _sampler = new GalaxySampler(options);
        _volunteers = new VolunteerSimulator(options.Volunteers);
        _experts = new ExpertLabeler(options.ExpertErrorRate, options.MergerFraction);
    }

    /// <summary>The settings.</summary>
    public SimulationOptions Options { get; }

    /// <summary>The image path of a galaxy, relative to the dataset folder.</summary>
    public static string ImagePathOf(string id) => $"images/{id}.png";

    /// <summary>
    /// Writes the dataset to <paramref name="folder"/> (created if needed; existing images of the same ids are
    /// replaced): every image, then the manifest (atomically, last).
    /// </summary>
    public SimulationSummary Simulate(string folder, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var watch = Stopwatch.StartNew();
        var full = Path.GetFullPath(folder);
        var images = Path.Combine(full, "images");
        Directory.CreateDirectory(images);
        var size = Options.Size;
        var records = Run(progress, cancellationToken, () => new GalaxyRenderer(size, Options.Imaging), (renderer, galaxy) =>
        {
            var rgb = renderer.Render(galaxy.Scene, SimulationStreams.Noise(Options.Seed, galaxy.Index));
            var png = PngEncoder.Encode(rgb, size, size);
            AtomicFile.Write(Path.Combine(full, ImagePathOf(galaxy.Id)), s => s.Write(png));
            return ImagePathOf(galaxy.Id);
        });
        DatasetManifest.Save(full, records);
        return new SimulationSummary
        {
            Folder = full,
            ManifestPath = Path.Combine(full, ManifestCsv.FileName),
            Count = records.Length,
            TypeCounts = GalaxyTypes.All.ToDictionary(GalaxyTypes.Name, t => records.Count(r => r.TruthType == GalaxyTypes.Name(t))),
            ExpertCount = records.Count(r => r.ExpertMG is not null),
            Votes = VoteCountStats.Of(records.Select(r => r.Votes!.Value.Total).ToArray()),
            AgreementWithTruth = AmateurAgreement.WithTruth(records),
            Elapsed = watch.Elapsed,
        };
    }

    /// <summary>
    /// The records alone — votes, expert labels and truth, no images (<see cref="GalaxyRecord.Image"/> null) — equal
    /// to those <see cref="Simulate"/> writes apart from the image path. Fast: for tuning the volunteer model.
    /// </summary>
    public IReadOnlyList<GalaxyRecord> SimulateRecords(IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Run<object?>(progress, cancellationToken, () => null, (_, _) => null);

    /// <summary>Galaxy <paramref name="index"/> as drawn (type, scene, cues), e.g. to render or inspect it.</summary>
    public SimulatedGalaxy Galaxy(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return _sampler.Sample(index);
    }

    private GalaxyRecord[] Run<TWorker>(IProgress<SimulationProgress>? progress, CancellationToken cancellationToken,
        Func<TWorker> newWorker, Func<TWorker, SimulatedGalaxy, string?> image)
    {
        var count = Options.Count;
        var expert = ExpertSelection();
        var records = new GalaxyRecord[count];
        var done = 0;
        var step = Math.Max(1, count / 100);
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Options.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
        };
        Parallel.For(0, count, parallel, newWorker, (i, _, worker) =>
        {
            var galaxy = _sampler.Sample(i);
            records[i] = Record(galaxy, expert[i], image(worker, galaxy));
            var finished = Interlocked.Increment(ref done);
            if (progress is not null && (finished % step == 0 || finished == count)) progress.Report(new SimulationProgress(finished, count));
            return worker;
        }, _ => { });
        return records;
    }

    private GalaxyRecord Record(SimulatedGalaxy galaxy, bool hasExpert, string? image)
    {
        var votes = _volunteers.Vote(galaxy.Type, galaxy.Winding, galaxy.Cues, SimulationStreams.Votes(Options.Seed, galaxy.Index));
        var (es, erl, mg) = hasExpert
            ? _experts.Label(galaxy.Type, galaxy.Winding, SimulationStreams.Expert(Options.Seed, galaxy.Index))
            : (null, null, null);
        return new GalaxyRecord
        {
            Id = galaxy.Id,
            Image = image,
            Votes = votes,
            ExpertES = es,
            ExpertERL = erl,
            ExpertMG = mg,
            TruthES = GalaxyTypes.TruthES(galaxy.Type),
            TruthERL = GalaxyTypes.TruthERL(galaxy.Type, galaxy.Winding),
            TruthMG = GalaxyTypes.TruthMG(galaxy.Type),
            TruthType = GalaxyTypes.Name(galaxy.Type),
            Order = galaxy.Index,
        };
    }

    /// <summary>Exactly round(Count·ExpertFraction) galaxies, chosen by a seeded permutation.</summary>
    private bool[] ExpertSelection()
    {
        var count = Options.Count;
        var selected = new bool[count];
        var take = (int)Math.Round(count * Options.ExpertFraction, MidpointRounding.AwayFromZero);
        var order = SimulationStreams.ExpertSelection(Options.Seed).Permutation(count);
        for (var i = 0; i < take; i++) selected[order[i]] = true;
        return selected;
    }
}
