using System.Text.Json;

namespace CzSL.Pipeline.Paper.Units;

/// <summary>A training curve to plot, its path relative to the plan folder.</summary>
/// <param name="Name">The curve's title.</param>
/// <param name="Path">The curve CSV, relative to the plan folder.</param>
public sealed record PaperUnitCurve(string Name, string Path);

/// <summary>
/// A finished unit's <c>unit.json</c>: what it added to the protocol's results (repeats, notes, set sizes, measured
/// training cost, curves) and how long it took. Its presence marks the unit finished.
/// </summary>
/// <param name="Unit">The unit's name.</param>
/// <param name="Imaged">Galaxies of its table with an image.</param>
/// <param name="Repeats">Every method's result (runs only).</param>
/// <param name="Notes">The notes, in order.</param>
/// <param name="Sizes">The fold's set sizes (runs only; null when the fold was skipped).</param>
/// <param name="Measurements">The trainings it measured.</param>
/// <param name="Curves">Training curves to plot.</param>
/// <param name="Seconds">Wall seconds of the unit, images decoding included.</param>
public sealed record PaperUnitResult(string Unit, int Imaged, IReadOnlyList<PaperMethodRepeat> Repeats, IReadOnlyList<string> Notes,
    PaperFoldSizes? Sizes, IReadOnlyList<StageMeasurement> Measurements, IReadOnlyList<PaperUnitCurve> Curves, double Seconds)
{
    /// <summary>File name of a finished unit's results.</summary>
    public const string FileName = "unit.json";

    /// <summary>File name of the error a failed unit left in its unfinished folder.</summary>
    public const string ErrorFileName = "error.txt";

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a unit's results.</exception>
    public static PaperUnitResult Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<PaperUnitResult>(File.ReadAllText(path), PaperPlanFile.Json)
                   ?? throw new InvalidDataException($"{path}: empty unit results.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a unit's results ({e.Message}).", e);
        }
    }
}
