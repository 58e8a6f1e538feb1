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
    // Stage outputs are shared by the variants that use them, keyed by the data they learnt from (the sets' arrays) and,
    // for amateur pre-training weighted to the expert prior, by that prior in whole percent (PriorKey).
    private readonly Dictionary<(Scenario, LabelledSet Amateur, bool FromEncoder, string Prior), (double Seconds, string Folder)> _pretrained = [];
    private readonly Dictionary<(Scenario, LabelledSet Expert, LabelledSet Transferable), TransferOutcome> _transfers = [];
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

    /// <summary>Stage 3 for <paramref name="data"/>, run on first use and shared by every variant on the same sets.</summary>
    public TransferOutcome Transfer(RecipeData data)
    {
        var key = (data.Scenario, data.Expert, data.Transferable ?? data.Amateur);
        if (!_transfers.TryGetValue(key, out var outcome))
            _transfers[key] = outcome = LabelTransfer.Run(_options, _context, data, Seeds(data.Scenario));
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
            var pretrained = Pretrain(data, switches.Autoencoder);
            seconds += pretrained.Seconds;
            model = ModelFiles.LoadClassifier(pretrained.Folder);
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

    /// <summary>
    /// Amateur pre-training of a scenario from the encoder or from random weights: trained once per amateur set and
    /// saved in its stage folder (a second amateur set of the same scenario gets a numbered folder); returns the
    /// training time and the folder.
    /// </summary>
    private (double Seconds, string Folder) Pretrain(RecipeData data, bool fromEncoder)
    {
        var key = (data.Scenario, data.Amateur, fromEncoder, PriorKey(data));
        if (_pretrained.TryGetValue(key, out var done)) return done;
        var name = AmateurPretraining.Folder(data, fromEncoder);
        var earlier = _pretrained.Keys.Count(k => k.Item1 == data.Scenario && k.FromEncoder == fromEncoder);
        if (earlier > 0) name += $"-{earlier + 1}";
        if (_context.LoadSaved.Contains(RecipeStage.AmateurPretraining)) return _pretrained[key] = (0, Path.Combine(_context.Folder, name));
        var outcome = AmateurPretraining.Train(_options, _context, data, fromEncoder ? Autoencoder().Model.Encoder : null, Seeds(data.Scenario), name);
        outcome.Model.Dispose();
        return _pretrained[key] = (outcome.Seconds, Path.Combine(_context.Folder, name));
    }

    /// <summary>
    /// The expert prior amateur pre-training is weighted to, in whole percent ("" when it is not weighted to one, e.g.
    /// when the preset balances the scenario's classes instead): expert sets whose class balance agrees to the percent
    /// (e.g. stratified folds) share one pre-training.
    /// </summary>
    private string PriorKey(RecipeData data) =>
        ExpertPrior.IsMatched(_options, _options.Preset.BalanceFor(data.Scenario), data.Expert)
            ? string.Join("/", ExpertPrior.Of(data.Expert, data.ClassCount).Select(p => Math.Round(100 * p).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : "";

    /// <summary>Frees the autoencoder this recipe trained or loaded.</summary>
    public void Dispose()
    {
        if (_owner is null) _autoencoder?.Model.Dispose();
    }
}
