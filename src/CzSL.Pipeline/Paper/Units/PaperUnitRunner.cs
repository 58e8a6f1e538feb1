using System.Diagnostics;
using System.Text.Json;
using CzSL.Data;
using CzSL.Training;
using CzSL.Training.Loop;

namespace CzSL.Pipeline.Paper.Units;

/// <summary>What running a unit did.</summary>
public enum PaperUnitOutcome
{
    /// <summary>The unit ran and its results are in its folder.</summary>
    Finished,
    /// <summary>The unit had finished before: nothing was done.</summary>
    AlreadyFinished,
}

/// <summary>
/// Runs one unit of a plan folder: <c>units/NAME/</c> holds a finished unit's outputs and <c>unit.json</c>. The unit
/// works in <c>units/NAME.partial/</c> (locked, so a second process on the same unit is refused; what a killed run
/// left there is removed first) and renames it to <c>units/NAME/</c> when done, so a unit is either finished or not
/// there. A finished unit is skipped; a unit whose inputs (its fold's autoencoder) have not finished fails at once,
/// naming the missing unit.
/// </summary>
/// <param name="planFile">The plan and its options.</param>
/// <param name="folder">The plan folder.</param>
public sealed class PaperUnitRunner(PaperPlanFile planFile, string folder)
{
    private readonly string _folder = Path.GetFullPath(folder);

    /// <summary>The plan.</summary>
    public PaperPlan Plan => planFile.Plan;

    /// <summary>The folder of a finished unit.</summary>
    public string Folder(PaperUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return Path.Combine(_folder, "units", unit.Name);
    }

    /// <summary>The folder a unit works in until it finishes.</summary>
    public string PartialFolder(PaperUnit unit) => Folder(unit) + ".partial";

    /// <summary>Whether <paramref name="unit"/> has finished (its unit.json exists).</summary>
    public bool IsFinished(PaperUnit unit) => File.Exists(Path.Combine(Folder(unit), PaperUnitResult.FileName));

    /// <summary>The error a failed unit left, or null.</summary>
    public string? Error(PaperUnit unit)
    {
        var path = Path.Combine(PartialFolder(unit), PaperUnitResult.ErrorFileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>
    /// Runs unit <paramref name="index"/> with <paramref name="options"/> (the plan's options; the unit sets scenario
    /// and sampling) on the paper's tables and images.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The plan has no such unit.</exception>
    /// <exception cref="PaperUnitInputMissingException">A unit it depends on has not finished.</exception>
    /// <exception cref="OutputFolderBusyException">Another process is running the same unit.</exception>
    public PaperUnitOutcome Run(int index, PaperProtocolOptions options, PaperTables tables, string imagesDirectory, string? labelsCsv,
        Action<string>? status = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tables);
        var unit = Plan.Unit(index);
        if (IsFinished(unit)) return PaperUnitOutcome.AlreadyFinished;
        foreach (var input in unit.DependsOn.Select(Plan.Unit))
            if (!IsFinished(input))
                throw new PaperUnitInputMissingException(
                    $"unit {unit.Index} ({unit.Name}) needs unit {input.Index} ({input.Name}), which has not finished: {Folder(input)} has no {PaperUnitResult.FileName}; run unit {input.Index} first.");

        var partial = PartialFolder(unit);
        using (var held = OutputFolderLock.Acquire(partial))
        {
            foreach (var entry in Directory.GetFileSystemEntries(partial).Where(e => Path.GetFileName(e) != OutputFolderLock.FileName))
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
            try
            {
                var result = Compute(unit, options, tables, imagesDirectory, labelsCsv, partial, status ?? (_ => { }), cancellation);
                AtomicFile.WriteAllText(Path.Combine(partial, PaperUnitResult.FileName), JsonSerializer.Serialize(result, PaperPlanFile.Json));
            }
            catch (Exception e)
            {
                AtomicFile.WriteAllText(Path.Combine(partial, PaperUnitResult.ErrorFileName), $"{e.GetType().Name}: {e.Message}");
                throw;
            }
            Directory.Move(partial, Folder(unit));
        }
        File.Delete(Path.Combine(Folder(unit), OutputFolderLock.FileName));
        return PaperUnitOutcome.Finished;
    }

    private PaperUnitResult Compute(PaperUnit unit, PaperProtocolOptions options, PaperTables tables, string imagesDirectory, string? labelsCsv,
        string partial, Action<string> status, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        options = unit.Variant?.Apply(options) ?? options with { Scenario = unit.Table == PaperTableKind.Mg ? Scenario.MG : Scenario.ES, Sampling = PaperSampling.None };
        options.Validate();
        TorchRuntime.EnsureInitialised();
        var table = tables.Table(unit.Table);
        var results = new PaperResults();
        var work = Path.Combine(partial, "work");
        var images = PaperProtocol.LoadImages(options, table, imagesDirectory, labelsCsv, work, results, null, cancellation);
        var autoencoder = unit.Kind == PaperUnitKind.Autoencoder ? partial : Folder(Plan.Unit(unit.DependsOn[0]));
        using (var fold = PaperFoldRun.Create(options, PaperFold.Build(table, unit.Fold, images.IndexOf), table, images, autoencoder,
                   loadAutoencoder: unit.Kind == PaperUnitKind.Run, results, status, PaperProtocol.EpochProgress(status), cancellation))
        {
            fold?.Autoencoder();
            if (unit.Kind == PaperUnitKind.Run) fold?.Execution(unit.Execution, Path.Combine(partial, $"exec{unit.Execution}"));
        }
        Directory.Delete(work, recursive: true); // the decoded-image cache: every unit decodes its own (a shared cache would race)
        var finalPrefix = Path.GetRelativePath(_folder, Folder(unit));
        var partialPrefix = Path.GetRelativePath(_folder, partial);
        var curves = results.Curves.Select(c =>
        {
            var relative = Path.GetRelativePath(_folder, c.CsvPath);
            return new PaperUnitCurve(c.Name, relative.StartsWith(partialPrefix + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? finalPrefix + relative[partialPrefix.Length..] : relative);
        }).ToList();
        return new PaperUnitResult(unit.Name, images.Count, results.Repeats, results.Notes, results.Sizes.FirstOrDefault(),
            results.Meter.Measurements, curves, clock.Elapsed.TotalSeconds);
    }
}

/// <summary>A unit was started before a unit it reads had finished.</summary>
public sealed class PaperUnitInputMissingException(string message) : IOException(message);
