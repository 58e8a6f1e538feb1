using System.CommandLine;
using CzSL.Data;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Recipe;
using CzSL.Pipeline.Transfer;
using CzSL.Training.Presets;

namespace CzSL.Cli.Commands;

/// <summary>Options several verbs share, each created fresh per command (an option belongs to one command).</summary>
public static class CommonOptions
{
    /// <summary><c>--device auto|cpu|cuda</c>: where networks run; auto picks CUDA when present, else CPU.</summary>
    public static Option<string> Device()
    {
        var option = new Option<string>("--device")
        {
            Description = "Where to run: auto (CUDA when present, else CPU), cpu or cuda.",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        return option;
    }

    /// <summary><c>--seed</c>: the random seed (same seed, same results on CPU).</summary>
    public static Option<int> Seed(int defaultSeed = 42) => new("--seed")
    {
        Description = "Random seed; the same seed gives the same results on CPU.",
        DefaultValueFactory = _ => defaultSeed,
    };

    /// <summary><c>--threads</c>: compute threads for libtorch (0 = one per core).</summary>
    public static Option<int> Threads() => new("--threads")
    {
        Description = "Compute threads (0 = one per core).",
        DefaultValueFactory = _ => 0,
    };

    /// <summary><c>--out</c>: output folder.</summary>
    public static Option<DirectoryInfo> Out(string defaultPath) => new("--out")
    {
        Description = "Output folder.",
        DefaultValueFactory = _ => new DirectoryInfo(defaultPath),
    };

    /// <summary><c>--preset</c>: networks and training recipe, parsed once into a <see cref="Training.Presets.Preset"/> (null when not given and no default).</summary>
    public static Option<Preset?> Preset(Preset? defaultPreset = null) => Parsed<Preset?>("--preset",
        "Networks and training: " + string.Join("; ", Training.Presets.Preset.All.Select(p => $"{p.Name} ({p.Description})")) +
        ". A preset with fixed epochs (paper: 100) trains every stage for them unless a command's epoch options say otherwise.",
        Training.Presets.Preset.Parse, defaultPreset);

    /// <summary>
    /// <c>--scenario</c>: one scenario (es, erl, mg, or a task the dataset's tasks.json declares), resolved with
    /// <see cref="TaskName.Resolve"/> once the dataset is known.
    /// </summary>
    public static Option<TaskName> Scenario(string description = "Scenario: es, erl, mg, or a task the dataset's tasks.json declares.") =>
        Parsed("--scenario", description, TaskName.Parse, new TaskName("es"));

    /// <summary>Resolves <paramref name="name"/> among the built-in and <paramref name="declared"/> scenarios; an unknown one fails naming <paramref name="option"/>.</summary>
    public static Scenario Resolve(TaskName name, IReadOnlyList<Scenario> declared, string option = "--scenario")
    {
        try
        {
            return name.Resolve(declared);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{option}: {e.Message}", e);
        }
    }

    /// <summary><c>--method</c>: CzSL or one of its ablations (the recipe's switches).</summary>
    public static Option<CzslMethod> Method() => Parsed("--method",
        $"Which recipe variant: {string.Join(", ", CzslMethods.All.Select(m => m.Name()))} (CzSL itself by default).", CzslMethods.Parse, CzslMethod.Czsl);

    /// <summary><c>--transfer-inputs amateur|transformed</c>: the label transfer's input columns (the reference's two script variants).</summary>
    public static Option<TransferInputs> TransferInputs() => Parsed("--transfer-inputs",
        "Label-transfer inputs: amateur (the 7 vote fractions) or transformed (the reference's ES/ERL variant: + EL_DEB[123], CS_DEB[123]; " +
        "only the paper's ESRL tables have them).", TransferInputNames.Parse, Pipeline.Transfer.TransferInputs.Amateur);

    /// <summary><c>--transfer-threshold</c>: how the MG label transfer's decision threshold is chosen on L (null: the preset's).</summary>
    public static Option<ThresholdRule?> TransferThreshold() => new("--transfer-threshold")
    {
        Description = "MG label transfer's decision on L: Half (the method's own decision at 0.5, the paper's), Prior (threshold at the " +
                      "training prior, ours) or MaxGMean. Default: the preset's (paper: Half; small/default: Prior).",
    };

    /// <summary>An option parsed once by <paramref name="parse"/>; an <see cref="ArgumentException"/> or <see cref="FormatException"/> becomes a usage error (exit 2).</summary>
    public static Option<T> Parsed<T>(string name, string description, Func<string, T> parse, T defaultValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result => result.Tokens.Count == 0 ? defaultValue : Parse(result, name, () => parse(result.Tokens[^1].Value), defaultValue),
        };

    /// <summary>A list option (several values, or comma-separated) parsed once by <paramref name="parse"/>.</summary>
    public static Option<T[]> ParsedList<T>(string name, string description, Func<string, T> parse, T[] defaultValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => defaultValue,
            AllowMultipleArgumentsPerToken = true,
            CustomParser = result => result.Tokens.Count == 0 ? defaultValue : Parse(result, name, () =>
                result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Select(parse).Distinct().ToArray(), defaultValue),
        };

    /// <summary>Runs <paramref name="parse"/>; a bad value becomes the option's usage error naming it.</summary>
    private static T Parse<T>(System.CommandLine.Parsing.ArgumentResult result, string name, Func<T> parse, T fallback)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            result.AddError($"{name}: {e.Message}");
            return fallback;
        }
    }
}
