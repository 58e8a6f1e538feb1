using CzSL.Data;
using CzSL.Data.Manifest;
using CzSL.Data.Metrics;
using CzSL.Pipeline.Transfer;

namespace CzSL.Pipeline.Tests.Transfer;

/// <summary>The reference's label-transfer MLP: multilabel sigmoid outputs, binary log-loss, 0.5 per column then the tie rule, seed 0.</summary>
[TestClass]
public sealed class ReferenceMlpTests
{
    // 2 inputs → 2 ReLU units → 2 outputs:
    // h = relu([x0 − x1, 0.5·x0 + 0.5·x1 − 0.25]), z = [2·h0 − h1 + 0.5, −h0 + h1 − 0.5].
    private static MlpNetwork Tiny(MlpOutput output) => new(
        [[[1, -1], [0.5, 0.5]], [[2, -1], [-1, 1]]],
        [[0, -0.25], [0.5, -0.5]],
        output);

    [TestMethod]
    public void Multilabel_outputs_are_independent_sigmoids_with_the_summed_binary_log_loss()
    {
        var net = Tiny(MlpOutput.Multilabel);
        // x = (0.75, 0.25): h = (0.5, 0.25), z = (1.25, −0.75) → σ(1.25), σ(−0.75).
        var p = net.Predict([0.75f, 0.25f]);
        Assert.AreEqual(0.7772998611746911, p[0], 1e-12);
        Assert.AreEqual(0.320821300824607, p[1], 1e-12);
        Assert.AreNotEqual(1.0, p.Sum(), 0.05, "independent columns do not sum to 1");
        // Class 0: −ln σ(1.25) − ln(1 − σ(−0.75)).
        Assert.AreEqual(0.638800087460273, net.Loss(p, 0), 1e-12);
        // x = (0.125, 0.875): the first unit is cut by the ReLU, h = (0, 0.25), z = (0.25, −0.25).
        var q = net.Predict([0.125f, 0.875f]);
        Assert.AreEqual(0.5621765008857981, q[0], 1e-12);
        Assert.AreEqual(0.43782349911420193, q[1], 1e-12);

        // Negative control: the softmax output on the same logits is a distribution.
        var softmax = Tiny(MlpOutput.Softmax).Predict([0.75f, 0.25f]);
        Assert.AreEqual(0.8807970779778824, softmax[0], 1e-12);
        Assert.AreEqual(1.0, softmax.Sum(), 1e-12);
    }

    [TestMethod]
    public void Each_column_is_decided_at_one_half_then_the_tie_rule()
    {
        Assert.AreEqual(0, MlpLabelTransfer.DecideMultilabel([0.81f, 0.30f]));
        Assert.AreEqual(1, MlpLabelTransfer.DecideMultilabel([0.30f, 0.70f]));
        Assert.AreEqual(0, MlpLabelTransfer.DecideMultilabel([0.20f, 0.40f]), "no column above 0.5: class 0 (np.argmax of a zero row)");
        Assert.AreEqual(0, MlpLabelTransfer.DecideMultilabel([0.60f, 0.70f]), "both columns above 0.5: the first, although the second is larger");
        Assert.AreEqual(1, MlpLabelTransfer.DecideMultilabel([0.20f, 0.60f, 0.70f]));
        Assert.AreEqual(0, MlpLabelTransfer.DecideMultilabel([0.20f, 0.50f, 0.30f]), "0.5 itself is not above 0.5");
    }

    [TestMethod]
    public void The_gradient_matches_finite_differences_of_the_loss_for_both_outputs()
    {
        foreach (var output in new[] { MlpOutput.Multilabel, MlpOutput.Softmax })
        {
            var net = MlpNetwork.Random([3, 4, 3], output, new SeededRandom(5));
            float[] x = [0.3f, 0.9f, 0.1f];
            const int label = 2;
            var gw = net.Weights.Select(l => l.Select(o => new double[o.Length]).ToArray()).ToArray();
            var gb = net.Biases.Select(b => new double[b.Length]).ToArray();
            net.Accumulate(x, label, gw, gb);
            for (var l = 0; l < 2; l++)
            for (var o = 0; o < net.Weights[l].Length; o++)
            {
                Assert.AreEqual(Numeric(net, x, label, net.Biases[l], o), gb[l][o], 1e-6, $"{output} bias {l},{o}");
                for (var i = 0; i < net.Weights[l][o].Length; i++)
                    Assert.AreEqual(Numeric(net, x, label, net.Weights[l][o], i), gw[l][o][i], 1e-6, $"{output} weight {l},{o},{i}");
            }
        }
    }

    /// <summary>Central difference of the loss in parameter <paramref name="values"/>[<paramref name="index"/>].</summary>
    private static double Numeric(MlpNetwork net, float[] x, int label, double[] values, int index)
    {
        const double h = 1e-6;
        var saved = values[index];
        values[index] = saved + h;
        var up = net.Loss(net.Predict(x), label);
        values[index] = saved - h;
        var down = net.Loss(net.Predict(x), label);
        values[index] = saved;
        return (up - down) / (2 * h);
    }

    [TestMethod]
    public void The_reference_method_fits_with_seed_0_whatever_the_runs_seed_and_decides_per_column()
    {
        var train = BiasedVotes.Make(600, seed: 1);
        var test = BiasedVotes.Make(2000, seed: 2);
        var a = TransferMethod.Reference.Create(seed: 7);
        var b = TransferMethod.Reference.Create(seed: 1234);
        var explicitZero = new MlpLabelTransfer(new MlpOptions { Seed = 0 });
        foreach (var m in new[] { a, b, explicitZero }) m.Fit(train, Scenario.ES);

        var pa = a.PredictProba(test);
        var pb = b.PredictProba(test);
        var pz = explicitZero.PredictProba(test);
        for (var i = 0; i < pa.Length; i++)
        {
            CollectionAssert.AreEqual(pa[i], pb[i], $"row {i}: the run's seed must not matter");
            CollectionAssert.AreEqual(pa[i], pz[i], $"row {i}: the reference's seed is 0");
        }
        Assert.IsTrue(pa.Any(p => Math.Abs(p[0] + p[1] - 1) > 0.01), "multilabel columns are independent");
        Assert.AreEqual("mlp", a.Name);

        var labeller = TransferredLabeller.Fit(TransferMethod.Reference.Create(0), train, Scenario.ES);
        var decided = labeller.Decide(pa);
        CollectionAssert.AreEqual(pa.Select(p => MlpLabelTransfer.DecideMultilabel(p)).ToArray(), decided);
        var truth = test.Select(r => ScenarioClasses.IndexOf(Scenario.ES, r.ExpertES!)).ToArray();
        var accuracy = decided.Zip(truth).Count(t => t.First == t.Second) / (double)truth.Length;
        var none = TransferredLabeller.Fit(new NoneLabelTransfer(), train, Scenario.ES).Evaluate(test).Accuracy;
        Assert.IsTrue(accuracy > none + 0.2, $"reference MLP {accuracy:P1} vs raw majority {none:P1}");
        Assert.AreEqual(accuracy, labeller.Evaluate(test).Accuracy, 1e-12, "Evaluate scores the labeller's own decisions");
    }

    [TestMethod]
    public void Mergers_at_one_half_use_the_methods_own_decision_and_the_prior_rule_stays_available()
    {
        var train = BiasedVotes.Make(400, seed: 7).Select(r => r with { ExpertMG = r.Votes!.Value.Merger > 0 ? "merger" : "non_merger" }).ToArray();
        var half = TransferredLabeller.Fit(TransferMethod.Reference.Create(0), train, Scenario.MG, ThresholdRule.Half);
        Assert.IsNull(half.Threshold);
        var p = half.Method.PredictProba(train);
        CollectionAssert.AreEqual(p.Select(r => MlpLabelTransfer.DecideMultilabel(r)).ToArray(), half.Decide(p));

        var prior = TransferredLabeller.Fit(TransferMethod.Reference.Create(0), train, Scenario.MG, ThresholdRule.Prior);
        Assert.AreEqual(ThresholdSelection.Prior(TransferFeatures.ExpertLabels(train, Scenario.MG)), prior.Threshold!.Value, 1e-12);
        CollectionAssert.AreEqual(p.Select(r => r[1] >= prior.Threshold ? 1 : 0).ToArray(), prior.Decide(p));
    }

    [TestMethod]
    public void Names_parse_back_with_their_inputs()
    {
        var method = TransferMethod.Parse("MLP+transformed+deb");
        Assert.AreEqual(TransferKind.Mlp, method.Kind);
        Assert.AreEqual(TransferInputs.Transformed, method.Inputs);
        Assert.IsTrue(method.Debiased);
        Assert.AreEqual(method, TransferMethod.Parse(method.Name));
        Assert.AreEqual("mlp-softmax", TransferMethod.Parse("mlp-softmax").Create(1).Name);
        Assert.AreEqual("mlp-best3", TransferMethod.Parse("mlp-best3").Create(1).Name);
        Assert.AreEqual(TransferInputs.Transformed, TransferInputNames.Parse(" Transformed "));
        Assert.ThrowsExactly<ArgumentException>(() => TransferMethod.Parse("none+deb"));
        Assert.ThrowsExactly<ArgumentException>(() => TransferInputNames.Parse("debiased"));
    }

    [TestMethod]
    public void Transformed_inputs_put_the_123_columns_after_CS_as_the_reference_does()
    {
        var r = new GalaxyRecord
        {
            Id = "a", Votes = new VoteCounts(3, 1, 0, 0, 0, 0),
            EllipticalDebiased = 0.7, SpiralDebiased = 0.2, EllipticalDebiased123 = 0.6, SpiralDebiased123 = 0.3,
        };
        var transformed = new TransferFeatures(TransferInputs.Transformed);
        CollectionAssert.AreEqual(new[] { "EL", "CS", "EL_DEB[123]", "CS_DEB[123]", "CW", "ACW", "EDGE", "DK", "MG" }, transformed.Names.ToArray());
        CollectionAssert.AreEqual(new[] { 0.75f, 0.25f, 0.6f, 0.3f, 0.25f, 0f, 0f, 0f, 0f }, transformed.Of(r));
        Assert.AreEqual(7, new TransferFeatures().Count);
        var e = Assert.ThrowsExactly<ArgumentException>(() => transformed.Of(r with { SpiralDebiased123 = null }));
        StringAssert.Contains(e.Message, "EL_DEB[123]/CS_DEB[123]");
    }
}
