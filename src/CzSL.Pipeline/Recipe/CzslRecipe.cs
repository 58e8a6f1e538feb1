using CzSL.Data;
using CzSL.Training.Modules;

namespace CzSL.Pipeline.Recipe;

/// <summary>A trained network of one recipe variant, the stages it went through and their training time (autoencoder excluded: it is shared).</summary>
public sealed record RecipeResult(CzslMethod Method, CzslClassifier Model, IReadOnlyList<RecipeStage> Stages, double TrainSeconds);

/// <summary>
/// CzSL as one recipe: <see cref="AutoencoderPretraining"/> → <see cref="AmateurPretraining"/> → <see cref="LabelTransfer"/>
/// → <see cref="ExpertFineTuning"/>, with each ablation a set of switches (<see cref="CzslMethods.Switches"/>). A
/// recipe serves one repeat: the autoencoder is trained once and shared by every scenario; per scenario, amateur
/// pre-training (from the encoder, or from random weights) and the label transfer run once and are shared by every
/// variant that uses them, so ablations cost one training each and see the same seeds (<see cref="RecipeSeeds"/>).
/// <c>compare</c>/<c>demo</c>, <c>train</c> and the paper protocol all run this class; they differ only by their
/// options and context (validation rule, data sets, hooks).
/// </summary>
public sealed class CzslRecipe : IDisposable
{
    private readonly RecipeOptions _options;
    private readonly RecipeContext _context;
    private readonly IReadOnlyList<int> _unlabelled;
    private readonly int _seed;
    private readonly int _repeat;
    private readonly int _execution;
    private readonly CzslRecipe? _owner;
    private readonly Dictionary<(Scenario, bool FromEncoder), double> _amateurSeconds = [];
    private readonly Dictionary<Scenario, TransferOutcome> _transfers = [];
    private StageOutcome<ConvAutoencoder>? _autoencoder;

    /// <summary>A recipe for repeat <paramref name="repeat"/>; the autoencoder learns from <paramref name="unlabelledImages"/> (store indices).</summary>
    public CzslRecipe(RecipeOptions options, RecipeContext context, IReadOnlyList<int> unlabelledImages, int seed, int repeat)
    {
        _options = options;
        _context = context;
        _unlabelled = unlabelledImages;
        _seed = seed;
        _repeat = repeat;
    }

    private CzslRecipe(CzslRecipe owner, RecipeContext context, int execution)
        : this(owner._options, context, owner._unlabelled, owner._seed, owner._repeat)
    {
        _owner = owner;
        _execution = execution;
    }

    /// <summary>
    /// A recipe for another execution of this repeat (fresh seeds for stages 2–4, outputs in <paramref name="context"/>'s
    /// folder) sharing this recipe's autoencoder.
    /// </summary>
    public CzslRecipe Execution(int execution, RecipeContext context) =>
        execution < 1 ? throw new ArgumentOutOfRangeException(nameof(execution), execution, "Executions count from 1.") : new(this, context, execution);

    /// <summary>The options the recipe trains with.</summary>
    public RecipeOptions Options => _options;

    /// <summary>The seeds of <paramref name="scenario"/> in this repeat and execution.</summary>
    public RecipeSeeds Seeds(Scenario scenario) => RecipeSeeds.For(_seed, _repeat, scenario, _execution);

    /// <summary>Stage 1, trained on first use (or loaded when the context says so) and kept for the recipe's lifetime.</summary>
    public StageOutcome<ConvAutoencoder> Autoencoder()
    {
        if (_owner is not null) return _owner.Autoencoder();
        return _autoencoder ??= _context.LoadSaved.Contains(RecipeStage.AutoencoderPretraining)
            ? AutoencoderPretraining.Load(_context)
            : AutoencoderPretraining.Train(_options, _context, _unlabelled, RecipeSeeds.ForRepeat(_seed, _repeat));
    }

    /// <summary>Stage 3 for <paramref name="data"/>'s scenario, run on first use and shared by every variant.</summary>
    public TransferOutcome Transfer(RecipeData data)
    {
        if (!_transfers.TryGetValue(data.Scenario, out var outcome))
            _transfers[data.Scenario] = outcome = LabelTransfer.Run(_options, _context, data, Seeds(data.Scenario));
        return outcome;
    }

    /// <summary>Runs <paramref name="method"/>'s stages on <paramref name="data"/>; the caller disposes the returned network.</summary>
    public RecipeResult Train(RecipeData data, CzslMethod method)
    {
        var switches = method.Switches();
        var plan = switches.Plan();
        var seeds = Seeds(data.Scenario);
        var seconds = 0.0;
        CzslClassifier? model = null;
        if (switches.Amateurs)
        {
            seconds += Pretrain(data, switches.Autoencoder);
            model = AmateurPretraining.Load(_context, data, switches.Autoencoder);
        }
        if (!switches.Expert) return new RecipeResult(method, model!, plan, seconds);
        try
        {
            var transfer = switches.Transfer ? Transfer(data) : null;
            var encoder = model is null && switches.Autoencoder ? Autoencoder().Model.Encoder : null;
            var expert = ExpertFineTuning.Train(_options, _context, data, method, model, encoder, transfer?.Relabelled, seeds);
            return new RecipeResult(method, expert.Model, plan, seconds + (transfer?.Seconds ?? 0) + expert.Seconds);
        }
        catch
        {
            model?.Dispose();
            throw;
        }
    }

    /// <summary>Amateur pre-training of a scenario from the encoder or from random weights: trained once, saved in its stage folder.</summary>
    private double Pretrain(RecipeData data, bool fromEncoder)
    {
        var key = (data.Scenario, fromEncoder);
        if (_amateurSeconds.TryGetValue(key, out var seconds)) return seconds;
        if (_context.LoadSaved.Contains(RecipeStage.AmateurPretraining)) return _amateurSeconds[key] = 0;
        var outcome = AmateurPretraining.Train(_options, _context, data, fromEncoder ? Autoencoder().Model.Encoder : null, Seeds(data.Scenario));
        outcome.Model.Dispose();
        return _amateurSeconds[key] = outcome.Seconds;
    }

    /// <summary>Frees the autoencoder this recipe trained or loaded.</summary>
    public void Dispose()
    {
        if (_owner is null) _autoencoder?.Model.Dispose();
    }
}
