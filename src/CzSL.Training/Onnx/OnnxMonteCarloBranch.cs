using CzSL.Training.Modules;
using TorchSharp;
using TorchSharp.Modules;
using static CzSL.Training.Onnx.OnnxGraphBuilder;
using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>
/// The MC-dropout branch of a classifier export: the computation of <see cref="MonteCarloHead.Forward"/> as ONNX nodes,
/// from the value entering the first dropout layer (shared with the deterministic graph) to the mean probabilities
/// [N, K] and the mutual information [N, 1]. The masks are initialisers [S, 1, width]; a dense layer is MatMul + Add on
/// [S, N, width]; activations are the converter's; the statistics use Clip before Log as <see cref="MonteCarloHead.Summarise"/>.
/// </summary>
internal static class OnnxMonteCarloBranch
{
    /// <summary>Appends the branch for <paramref name="layers"/> (<see cref="MonteCarloHead.Plan"/>).</summary>
    /// <param name="converter">The export's layer converter (activations).</param>
    /// <param name="graph">The graph.</param>
    /// <param name="layers">The head's layers with their masks.</param>
    /// <param name="layerInputs">The deterministic graph's value entering each head layer, by path.</param>
    /// <param name="temperature">The temperature initialiser's name and value, or null when it is 1.</param>
    public static (TracedValue Probabilities, TracedValue MutualInformation) Append(OnnxLayerConverter converter, OnnxGraphBuilder graph,
        IReadOnlyList<HeadLayer> layers, IReadOnlyDictionary<string, TracedValue> layerInputs, (string Name, double Value)? temperature)
    {
        var first = layers.Select((l, i) => (l, i)).First(p => p.l.Masks is not null).i;
        var x = layerInputs[layers[first].Path];
        var samples = layers[first].Masks!.Length / layers[first].Width;
        for (var i = first; i < layers.Count; i++)
        {
            var layer = layers[i];
            var path = "mc." + layer.Path;
            if (layer.Masks is { } masks)
            {
                if (i == first)
                {
                    var axes = graph.AddInt64Initializer("mc.unsqueeze.axes", [0]);
                    x = new TracedValue(graph.AddNode("Unsqueeze", "mc.unsqueeze", [x.Name, axes], "mc.unsqueeze"), x.Sample.unsqueeze(0));
                }
                long[] shape = [samples, 1, layer.Width];
                var mask = graph.AddFloatInitializer(path + ".masks", masks, shape);
                x = new TracedValue(graph.AddNode("Mul", path, [x.Name, mask], path), x.Sample * torch.tensor(masks, shape, dtype: x.Sample.dtype));
            }
            else if (layer.Module is Linear linear)
            {
                var weight = graph.AddFloatInitializer(path + ".weight_t", linear.weight.t());
                var product = graph.AddNode("MatMul", path, [x.Name, weight], path + ".matmul");
                var output = linear.bias is { } bias ? graph.AddNode("Add", path, [product, graph.AddFloatInitializer(path + ".bias", bias)], path) : product;
                x = new TracedValue(output, linear.forward(x.Sample));
            }
            else x = converter.Convert(layer.Module, path, x);
        }
        if (temperature is { } t)
            x = new TracedValue(graph.AddNode("Div", "mc.temperature", [x.Name, t.Name], "mc.scaled_logits"), x.Sample / t.Value);
        var p = new TracedValue(graph.AddNode("Softmax", "mc.softmax", [x.Name], "mc.softmax", Int("axis", 2)), torch.softmax(x.Sample, 2));

        var epsilon = graph.AddFloatInitializer("mc.log_epsilon", [MonteCarloHead.LogEpsilon], []);
        var mean = Mean(graph, p, "mc.mean");
        var sampleSum = PLogPSum(graph, p, 2, epsilon, "mc.sample_plogp");
        var meanSampleSum = Mean(graph, sampleSum, "mc.mean_sample_plogp");
        var meanSum = PLogPSum(graph, mean, 1, epsilon, "mc.mean_plogp");
        var difference = graph.AddNode("Sub", "mc.mutual_information", [meanSampleSum.Name, meanSum.Name], "mc.mutual_information.sub");
        var information = graph.AddNode("Relu", "mc.mutual_information", [difference], "mc.mutual_information");
        return (mean, new TracedValue(information, nn.functional.relu(meanSampleSum.Sample - meanSum.Sample)));
    }

    // The mean over the samples (axis 0), which is dropped.
    private static TracedValue Mean(OnnxGraphBuilder graph, TracedValue value, string name) =>
        new(graph.AddNode("ReduceMean", name, [value.Name], name, Ints("axes", [0]), Int("keepdims", 0)), value.Sample.mean([0]));

    // Σ p · log(max(p, ε)) over axis, kept as a size-1 axis.
    private static TracedValue PLogPSum(OnnxGraphBuilder graph, TracedValue p, long axis, string epsilon, string name)
    {
        var clipped = graph.AddNode("Clip", name, [p.Name, epsilon], name + ".clip");
        var log = graph.AddNode("Log", name, [clipped], name + ".log");
        var product = graph.AddNode("Mul", name, [p.Name, log], name + ".mul");
        var axes = graph.AddInt64Initializer(name + ".axes", [axis]);
        var sum = graph.AddNode("ReduceSum", name, [product, axes], name, Int("keepdims", 1));
        return new TracedValue(sum, (p.Sample * p.Sample.clamp_min(MonteCarloHead.LogEpsilon).log()).sum(axis, keepdim: true));
    }
}
