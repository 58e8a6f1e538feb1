using System.CommandLine;
using CzSL.Data;
using CzSL.Data.Labels;
using CzSL.Pipeline;

namespace CzSL.Cli.Commands;

/// <summary>The options of the verbs that run the comparison (<c>demo</c>, <c>compare</c>), mapped to <see cref="ExperimentSettings"/>.</summary>
public sealed class ExperimentOptions
{
    private readonly Option<string> _preset = new("--preset")
    { Description = "Network preset: small (ours, CPU-sized; the demo's default), default (ours, larger) or paper (the CzSL paper's networks, MSE loss, SGD)." };
    private readonly Option<int?> _size = new("--size") { Description = "Network input size in pixels (default: the dataset's / 64)." };
    private readonly Option<int?> _repeats = new("--repeats") { Description = "Repeats (splits × seeds) for mean ± sd." };
    private readonly Option<int?> _aeEpochs = new("--autoencoder-epochs") { Description = "Autoencoder epochs." };
    private readonly Option<int?> _amateurEpochs = new("--amateur-epochs") { Description = "Amateur pre-training (and fine-tuning on L ∪ A) epochs." };
    private readonly Option<int?> _expertEpochs = new("--expert-epochs") { Description = "Epochs of the trainings on expert labels only." };
    private readonly Option<string> _policy = new("--amateur-labels")
    { Description = "Amateur label policy: majority, threshold:T (e.g. threshold:0.8), soft (vote fractions), consensus.", DefaultValueFactory = _ => "majority" };
    private readonly Option<string> _transfer = new("--transfer")
    { Description = "Label transfer: mlp (the paper's), mlp-best3, lbfgs-maxent, lightgbm, fastforest-ova, none (+deb adds the debiased fractions).", DefaultValueFactory = _ => "lbfgs-maxent" };
    private readonly Option<bool> _softTransfer = new("--soft-transfer") { Description = "Fine-tune on the transferred probabilities (soft targets)." };
    private readonly Option<string[]> _scenarios = new("--scenarios")
    { Description = "Scenarios to run (es, erl, mg).", DefaultValueFactory = _ => ["es", "erl", "mg"], AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _trainers = new("--baselines")
    {
        Description = "Classical ML.NET trainers (sdca, lbfgs, lightgbm, fastforest), or none.",
        DefaultValueFactory = _ => ["sdca", "lbfgs", "lightgbm", "fastforest"], AllowMultipleArgumentsPerToken = true,
    };
    private readonly Option<int> _freeze = new("--freeze-encoder-epochs") { Description = "Encoder epochs frozen at the start of fine-tuning." };

    /// <summary>The device option.</summary>
    public Option<string> Device { get; } = CommonOptions.Device();
    /// <summary>The threads option.</summary>
    public Option<int> Threads { get; } = CommonOptions.Threads();
    /// <summary>The seed option.</summary>
    public Option<int> Seed { get; } = CommonOptions.Seed();

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { _preset, _size, _repeats, _aeEpochs, _amateurEpochs, _expertEpochs, _policy, _transfer, _softTransfer,
                     _scenarios, _trainers, _freeze, Device, Threads, Seed })
            command.Options.Add(o);
    }

    /// <summary>Settings from the command line over <paramref name="defaults"/>.</summary>
    public ExperimentSettings Read(ParseResult parse, ExperimentSettings defaults)
    {
        var trainers = parse.GetValue(_trainers)!;
        return defaults with
        {
            Preset = parse.GetValue(_preset) ?? defaults.Preset,
            ImageSize = parse.GetValue(_size) ?? defaults.ImageSize,
            Repeats = parse.GetValue(_repeats) ?? defaults.Repeats,
            AutoencoderEpochs = parse.GetValue(_aeEpochs) ?? defaults.AutoencoderEpochs,
            AmateurEpochs = parse.GetValue(_amateurEpochs) ?? defaults.AmateurEpochs,
            ExpertEpochs = parse.GetValue(_expertEpochs) ?? defaults.ExpertEpochs,
            AmateurPolicy = AmateurLabelPolicy.Parse(parse.GetValue(_policy)!),
            Transfer = parse.GetValue(_transfer)!,
            SoftTransfer = parse.GetValue(_softTransfer),
            Scenarios = parse.GetValue(_scenarios)!.Select(ParseScenario).Distinct().ToList(),
            BaselineTrainers = trainers.Length == 1 && trainers[0] == "none" ? [] : trainers,
            FreezeEncoderEpochs = parse.GetValue(_freeze),
            Seed = parse.GetValue(Seed),
        };
    }

    private static Scenario ParseScenario(string name) => Enum.TryParse<Scenario>(name, ignoreCase: true, out var s)
        ? s : throw new ArgumentException($"Unknown scenario '{name}': expected es, erl or mg.");
}
