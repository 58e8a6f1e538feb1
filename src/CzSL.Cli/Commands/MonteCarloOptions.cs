using System.CommandLine;
using CzSL.Data.Models;

namespace CzSL.Cli.Commands;

/// <summary>The MC-dropout options of the verbs that export classifiers (<c>export</c>, <c>release</c>), parsed once into <see cref="MonteCarloDropout"/>.</summary>
public sealed class MonteCarloOptions
{
    private readonly Option<int?> _samples = new("--mc-dropout")
    {
        Description = $"Also export MC-dropout outputs with S fixed dropout masks (e.g. {MonteCarloDropout.DefaultSamples}): predict then writes the 'epistemic' column (mutual information, nats). Classifiers trained with dropout > 0 only.",
    };
    private readonly Option<int> _seed = new("--mc-seed") { Description = "Seed of the MC-dropout masks.", DefaultValueFactory = _ => 42 };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(_samples);
        command.Options.Add(_seed);
    }

    /// <summary>The settings asked for, or null without <c>--mc-dropout</c>.</summary>
    /// <exception cref="ArgumentException">A sample count outside 2 to <see cref="MonteCarloDropout.MaxSamples"/>.</exception>
    public MonteCarloDropout? Read(ParseResult parse)
    {
        if (parse.GetValue(_samples) is not { } samples) return null;
        if (samples is < 2 or > MonteCarloDropout.MaxSamples)
            throw new ArgumentException($"--mc-dropout: {samples} samples; use 2 to {MonteCarloDropout.MaxSamples}.");
        return new MonteCarloDropout { Samples = samples, Seed = parse.GetValue(_seed) };
    }

    /// <summary>Throws unless a network with dropout <paramref name="dropout"/> (<paramref name="what"/>, e.g. its folder) can have MC-dropout outputs.</summary>
    public static void RequireDropout(double dropout, string what)
    {
        if (!(dropout > 0))
            throw new ArgumentException($"--mc-dropout: {MonteCarloDropout.NeedsDropout}; {what} has dropout {dropout}.");
    }
}
