using System.CommandLine;
using CzSL.Cli.Commands;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Comparison;
using CzSL.Pipeline.Transfer;
using CzSL.Training.Modules;

namespace CzSL.Cli.Tests.Train;

/// <summary><c>--preset paper</c> on demo/compare/train: the paper's init, epochs and MG rule unless the user says otherwise.</summary>
[TestClass]
public sealed class PresetOptionsTests
{
    private static ExperimentSettings Read(params string[] args)
    {
        var options = new ExperimentOptions();
        var command = new Command("probe");
        options.AddTo(command);
        var parse = command.Parse(args);
        Assert.IsEmpty(parse.Errors, string.Join("; ", parse.Errors.Select(e => e.Message)));
        return options.Read(parse, DemoCommand.Full);
    }

    [TestMethod]
    public void The_paper_preset_trains_every_stage_for_its_own_epochs_unless_given()
    {
        var paper = Read("--preset", "paper").Recipe;
        Assert.AreEqual((100, 100, 100), (paper.Epochs.Autoencoder, paper.Epochs.Amateur, paper.Epochs.Expert));
        Assert.AreEqual(WeightInit.GlorotUniformZeroBias, paper.ClassifierStage(CzSL.Data.Scenario.ES, 1, 1, null, false).Training.Init);
        Assert.AreEqual(ThresholdRule.Half, paper.TransferThresholdRule);

        var overridden = Read("--preset", "paper", "--expert-epochs", "3").Recipe.Epochs;
        Assert.AreEqual((100, 100, 3), (overridden.Autoencoder, overridden.Amateur, overridden.Expert));

        // Our presets keep the command's epochs and our MG transfer rule.
        var small = Read("--preset", "small").Recipe;
        Assert.AreEqual(DemoCommand.Full.Recipe.Epochs, small.Epochs);
        Assert.AreEqual(ThresholdRule.Prior, small.TransferThresholdRule);
    }

    [TestMethod]
    public void Transfer_inputs_and_threshold_are_typed_options()
    {
        var recipe = Read("--preset", "paper", "--transfer", "mlp", "--transfer-inputs", "transformed", "--transfer-threshold", "prior").Recipe;
        Assert.AreEqual(TransferKind.Mlp, recipe.Transfer.Kind);
        Assert.AreEqual(TransferInputs.Transformed, recipe.Transfer.Inputs);
        Assert.AreEqual(ThresholdRule.Prior, recipe.TransferThresholdRule);

        var command = new Command("probe");
        new ExperimentOptions().AddTo(command);
        var bad = command.Parse(["--transfer-inputs", "debiased"]);
        StringAssert.Contains(string.Join(" ", bad.Errors.Select(e => e.Message)), "--transfer-inputs: Unknown transfer inputs 'debiased'");
    }
}
