using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CzSL.Data;

namespace CzSL.Pipeline.Paper.Units;

/// <summary>
/// A plan folder's <c>plan.json</c>: the plan and the <c>reproduce</c> options it was written with (every unit and the
/// merge re-read them, so all run with the same settings and seeds), plus <c>plan.env</c> (the unit ranges as shell
/// variables, for the sbatch scripts).
/// </summary>
/// <param name="Arguments">The <c>reproduce</c> options (without the plan's own), as given on the command line.</param>
/// <param name="Plan">The units.</param>
public sealed record PaperPlanFile(IReadOnlyList<string> Arguments, PaperPlan Plan)
{
    /// <summary>File name of the plan.</summary>
    public const string FileName = "plan.json";

    /// <summary>File name of the shell variables (AUTOENCODER_UNITS, RUN_UNITS, UNITS).</summary>
    public const string EnvFileName = "plan.env";

    /// <summary>JSON settings of the plan and the units' results (enums by name; NaN allowed: a fold without mergers has no G-mean).</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Writes plan.json and plan.env into <paramref name="folder"/> atomically.</summary>
    /// <exception cref="IOException">The folder already holds a different plan.</exception>
    public void Save(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var json = JsonSerializer.Serialize(this, Json);
        if (File.Exists(path) && File.ReadAllText(path) != json)
            throw new IOException($"{path} already holds a different plan; write the new plan into an empty folder.");
        AtomicFile.WriteAllText(path, json);
        static string Range(IReadOnlyList<int> units) => units.Count == 0 ? "" : $"{units[0]}-{units[^1]}";
        AtomicFile.WriteAllText(Path.Combine(folder, EnvFileName), new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"AUTOENCODER_UNITS={Range(Plan.AutoencoderUnits)}")
            .AppendLine(CultureInfo.InvariantCulture, $"RUN_UNITS={Range(Plan.RunUnits)}")
            .AppendLine(CultureInfo.InvariantCulture, $"UNITS={Plan.Units.Count}")
            .ToString());
    }

    /// <summary>Reads the plan of <paramref name="folder"/>.</summary>
    /// <exception cref="FileNotFoundException">The folder has no plan.json.</exception>
    /// <exception cref="InvalidDataException">plan.json cannot be read as a plan.</exception>
    public static PaperPlanFile Load(string folder)
    {
        var path = Path.Combine(Path.GetFullPath(folder), FileName);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path} not found: write the plan first (czsl reproduce --plan DIR with the protocol's options).", path);
        try
        {
            return JsonSerializer.Deserialize<PaperPlanFile>(File.ReadAllText(path), Json)
                   ?? throw new InvalidDataException($"{path}: empty plan.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a plan ({e.Message}).", e);
        }
    }
}
