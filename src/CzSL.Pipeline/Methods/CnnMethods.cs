using System.Diagnostics;
using CzSL.Data;
using CzSL.Data.Images;
using CzSL.Data.Labels;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Data.Splits;
using CzSL.Pipeline.Transfer;
using CzSL.Pipeline.Protocol;
using CzSL.Training.Loop;
using CzSL.Training.Modules;
using CzSL.Training.Stages;

namespace CzSL.Pipeline.Methods;

/// <summary>The CzSL classifier of one scenario and repeat, kept for export.</summary>
public sealed record TrainedCzsl(Scenario Scenario, int Repeat, CzslClassifier Model, string WeightsPath);

/// <summary>
/// Trains CzSL and its ablations for one scenario of one repeat, all from the same splits and seeds:
/// <list type="bullet">
/// <item><c>czsl</c>: autoencoder encoder → amateur pre-training → fine-tuning on L ∪ A(transferred labels);</item>
/// <item><c>czsl-no-transfer</c>: the same, fine-tuned on L only;</item>
/// <item><c>no-autoencoder</c>: random init → amateur pre-training → fine-tuning on L ∪ A(transferred);</item>
/// <item><c>no-amateur</c>: autoencoder encoder → trained on L only;</item>
/// <item><c>expert-only</c>: random init → trained on L only;</item>
/// <item><c>amateur-only</c>: random init → amateur labels only; <c>autoencoder+amateur</c>: encoder → amateur labels only.</item>
/// </list>
/// Binary thresholds (MG) are chosen on the expert training set L, never on the test set.
/// </summary>
public sealed class CnnMethods(IReadOnlyList<GalaxyRecord> records, ImageStore store, ExperimentSettings settings, string workFolder,
    IProgress<EpochReport>? progress = null)
{
    /// <summary>Runs every CNN method; returns their outcomes and the trained CzSL model (caller disposes it).</summary>
    public (IReadOnlyList<MethodOutcome> Outcomes, TrainedCzsl Czsl) Run(ScenarioData data, int repeat, ConvAutoencoder autoencoder, ILabelTransfer transfer)
    {
        var seed = settings.Seed + 1000L * repeat + 100L * (int)data.Scenario;
        var config = settings.Network(data.ClassCount);
        var folder = Path.Combine(workFolder, $"r{repeat}", data.Scenario.ToString().ToLowerInvariant());
        Directory.CreateDirectory(folder);

        var (expertTrain, expertVal) = SplitForValidation(data.Expert, 0.2, (ulong)seed);
        var (amateurTrain, amateurVal) = SplitForValidation(data.Amateur, 0.1, (ulong)seed + 1);
        var transferred = Transfer(records, data, transfer, settings.SoftTransfer, out var transferSeconds);
        var fineTune = expertTrain.Concat(transferred);
        var outcomes = new List<MethodOutcome>();

        // Amateur pre-training, with and without the autoencoder's encoder.
        var clock = Stopwatch.StartNew();
        var aeAmateur = Classifier(config, amateurTrain, amateurVal, Options(data.Scenario, settings.AmateurEpochs, seed, folder, "autoencoder+amateur", false), autoencoder.Encoder);
        var aeAmateurSeconds = clock.Elapsed.TotalSeconds;
        outcomes.Add(Score("autoencoder+amateur", "encoder from the autoencoder, trained on amateur labels only", aeAmateur, data, aeAmateurSeconds));
        var pretrained = Path.Combine(folder, "autoencoder+amateur.weights");
        ModelFiles.SaveWeights(pretrained, aeAmateur);

        clock.Restart();
        var scratchAmateur = Classifier(config, amateurTrain, amateurVal, Options(data.Scenario, settings.AmateurEpochs, seed + 1, folder, "amateur-only", false), null);
        var scratchAmateurSeconds = clock.Elapsed.TotalSeconds;
        outcomes.Add(Score("amateur-only", "random init, amateur labels only", scratchAmateur, data, scratchAmateurSeconds));

        // CzSL: fine-tune the pre-trained network on L ∪ A(transferred).
        clock.Restart();
        Continue(aeAmateur, fineTune, expertVal, Options(data.Scenario, settings.AmateurEpochs, seed + 2, folder, "czsl", true));
        outcomes.Add(Score("czsl", $"autoencoder → amateur ({settings.AmateurPolicy.Name}) → transfer ({transfer.Name}) → expert", aeAmateur, data,
            aeAmateurSeconds + transferSeconds + clock.Elapsed.TotalSeconds));
        var czslWeights = Path.Combine(folder, "czsl.weights");
        ModelFiles.SaveWeights(czslWeights, aeAmateur);

        // Ablation: no label transfer (fine-tune on L only).
        using (var noTransfer = new CzslClassifier(config))
        {
            ModelFiles.LoadWeights(pretrained, noTransfer);
            clock.Restart();
            Continue(noTransfer, expertTrain, expertVal, Options(data.Scenario, settings.ExpertEpochs, seed + 3, folder, "czsl-no-transfer", true));
            outcomes.Add(Score("czsl-no-transfer", "autoencoder → amateur → expert (L only, no transfer)", noTransfer, data,
                aeAmateurSeconds + clock.Elapsed.TotalSeconds));
        }

        // Ablation: no autoencoder.
        clock.Restart();
        Continue(scratchAmateur, fineTune, expertVal, Options(data.Scenario, settings.AmateurEpochs, seed + 4, folder, "no-autoencoder", true));
        outcomes.Add(Score("no-autoencoder", "random init → amateur → transfer → expert", scratchAmateur, data,
            scratchAmateurSeconds + transferSeconds + clock.Elapsed.TotalSeconds));
        scratchAmateur.Dispose();

        // Ablation: no amateurs (autoencoder → expert), and the plain expert-only CNN.
        clock.Restart();
        using (var noAmateur = Classifier(config, expertTrain, expertVal, Options(data.Scenario, settings.ExpertEpochs, seed + 5, folder, "no-amateur", true), autoencoder.Encoder))
            outcomes.Add(Score("no-amateur", "autoencoder → expert (L only)", noAmateur, data, clock.Elapsed.TotalSeconds));
        clock.Restart();
        using (var expertOnly = Classifier(config, expertTrain, expertVal, Options(data.Scenario, settings.ExpertEpochs, seed + 6, folder, "expert-only", false), null))
            outcomes.Add(Score("expert-only", "random init, expert labels (L) only", expertOnly, data, clock.Elapsed.TotalSeconds));

        return (outcomes, new TrainedCzsl(data.Scenario, repeat, aeAmateur, czslWeights));
    }

    /// <summary>The amateur set relabelled by <paramref name="transfer"/> fitted on L (galaxies without votes keep their amateur label).</summary>
    public static LabelledSet Transfer(IReadOnlyList<GalaxyRecord> records, ScenarioData data, ILabelTransfer transfer, bool soft, out double seconds)
    {
        var clock = Stopwatch.StartNew();
        var labelled = data.Expert.Indices.Select(i => records[i]).Where(r => r.Votes is not null).ToList();
        var labeller = TransferredLabeller.Fit(transfer, labelled, data.Scenario);
        var withVotes = Enumerable.Range(0, data.Amateur.Count).Where(k => records[data.Amateur.Indices[k]].Votes is not null).ToArray();
        var relabelled = labeller.Relabel(withVotes.Select(k => records[data.Amateur.Indices[k]]).ToList());
        var labels = (int[])data.Amateur.Labels.Clone();
        var targets = (float[][])data.Amateur.Targets.Clone();
        for (var j = 0; j < withVotes.Length; j++)
        {
            var k = withVotes[j];
            labels[k] = relabelled[j].ClassIndex;
            targets[k] = soft ? relabelled[j].Probabilities : AmateurLabel.OneHot(relabelled[j].ClassIndex, data.ClassCount).Target;
        }
        seconds = clock.Elapsed.TotalSeconds;
        return new LabelledSet(data.Amateur.Indices, labels, targets);
    }

    private ClassifierStageOptions Options(Scenario scenario, int epochs, long seed, string folder, string method, bool fineTune)
    {
        var options = settings.ClassifierOptions(scenario, epochs, seed, Path.Combine(folder, method + ".curve.csv"), fineTune);
        return options with { Training = options.Training with { Progress = progress } };
    }

    private CzslClassifier Classifier(NetworkConfig config, LabelledSet train, LabelledSet val, ClassifierStageOptions options, Encoder? encoder) =>
        ClassifierStage.Train(store, train.Indices, ClassTargets.Soft(train.Targets), val.Indices, ClassTargets.Soft(val.Targets),
            config, options, encoder).Model;

    private void Continue(CzslClassifier model, LabelledSet train, LabelledSet val, ClassifierStageOptions options) =>
        ClassifierStage.Continue(model, store, train.Indices, ClassTargets.Soft(train.Targets), val.Indices, ClassTargets.Soft(val.Targets), options);

    private MethodOutcome Score(string method, string description, CzslClassifier model, ScenarioData data, double trainSeconds)
    {
        var clock = Stopwatch.StartNew();
        var probabilities = ClassifierStage.Predict(model, store, data.Test.Indices);
        var scoreSeconds = clock.Elapsed.TotalSeconds;
        double? threshold = null;
        if (data.Scenario == Scenario.MG)
        {
            var scores = ClassifierStage.Predict(model, store, data.Expert.Indices).Select(p => (double)p[1]).ToArray();
            threshold = ThresholdSelection.Choose(ThresholdRule.MaxGMean, data.Expert.Labels, scores);
        }
        return new MethodOutcome(method, MethodFamilies.Cnn, description, probabilities, threshold, trainSeconds, scoreSeconds);
    }

    /// <summary>Stratified split of a labelled set into training and validation parts (validation ≥ 1 galaxy when possible).</summary>
    public static (LabelledSet Train, LabelledSet Validation) SplitForValidation(LabelledSet set, double validationFraction, ulong seed)
    {
        var split = StratifiedSplit.Split(set.Labels, (1 - validationFraction, validationFraction, 0), seed);
        return (set.Take(split.Train), set.Take(split.Validation));
    }
}
