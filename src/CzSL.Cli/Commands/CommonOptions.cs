using System.CommandLine;

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
}
