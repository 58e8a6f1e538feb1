using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Loop;

/// <summary>An in-memory copy of a module's parameters and buffers (the best epoch's weights).</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _tensors;

    private WeightSnapshot(Dictionary<string, Tensor> tensors) => _tensors = tensors;

    /// <summary>Copies the current weights of <paramref name="module"/>.</summary>
    public static WeightSnapshot Take(nn.Module module)
    {
        using var _ = torch.no_grad();
        return new WeightSnapshot(module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope()));
    }

    /// <summary>Writes the copied weights back into <paramref name="module"/>.</summary>
    public void Restore(nn.Module module)
    {
        using var _ = torch.no_grad();
        foreach (var (name, target) in module.state_dict()) target.copy_(_tensors[name]);
    }

    public void Dispose()
    {
        foreach (var t in _tensors.Values) t.Dispose();
    }
}
