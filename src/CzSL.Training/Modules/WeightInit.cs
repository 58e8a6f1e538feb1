using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace CzSL.Training.Modules;

/// <summary>How a freshly built network's convolution and dense weights are initialised.</summary>
public enum WeightInit
{
    /// <summary>TorchSharp's defaults: kaiming-uniform (a = √5) weights, biases uniform in ±1/√fan_in.</summary>
    TorchDefault,
    /// <summary>
    /// Keras' defaults, as the paper's reference code had them: glorot-uniform weights in ±√(6 / (fan_in + fan_out))
    /// (fan = channels × kernel area for a convolution) and zero biases.
    /// </summary>
    GlorotUniformZeroBias,
}

/// <summary>Applies a <see cref="WeightInit"/> rule to every convolution and dense layer of a network.</summary>
public static class WeightInitialisation
{
    /// <summary>
    /// Builds a network with torch seeded by <paramref name="seed"/>, initialised by <paramref name="init"/>, then
    /// <paramref name="after"/> (e.g. copying a trained encoder in); disposes it when any step fails.
    /// </summary>
    public static T Create<T>(Func<T> build, long seed, WeightInit init, Action<T>? after = null) where T : nn.Module
    {
        ArgumentNullException.ThrowIfNull(build);
        TorchRuntime.EnsureInitialised();
        TorchRuntime.Seed(seed);
        var model = build();
        try
        {
            Apply(model, init);
            after?.Invoke(model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Re-initialises <paramref name="network"/>'s convolution (incl. transposed) and dense layers by
    /// <paramref name="init"/>, drawing from torch's global generator (seed it first); batch-norm layers keep their
    /// identity start. <see cref="WeightInit.TorchDefault"/> leaves the weights as built.
    /// </summary>
    public static void Apply(nn.Module network, WeightInit init)
    {
        ArgumentNullException.ThrowIfNull(network);
        switch (init)
        {
            case WeightInit.TorchDefault:
                return;
            case WeightInit.GlorotUniformZeroBias:
                using (torch.no_grad())
                {
                    foreach (var module in network.modules())
                    {
                        var (weight, bias) = module switch
                        {
                            Convolution c => (c.weight, c.bias),
                            Linear l => (l.weight, l.bias),
                            _ => (null, null),
                        };
                        if (weight is not null) torch.nn.init.xavier_uniform_(weight);
                        if (bias is not null) torch.nn.init.zeros_(bias);
                    }
                }
                return;
            default:
                throw new ArgumentOutOfRangeException(nameof(init), init, "Unknown weight initialisation.");
        }
    }
}
