using static TorchSharp.torch;

namespace CzSL.Training.Onnx;

/// <summary>Puts a module tree in eval mode and restores every submodule's own training flag on dispose.</summary>
internal sealed class TrainingModeScope : IDisposable
{
    private readonly List<(nn.Module Module, bool Training)> _modes;

    public TrainingModeScope(nn.Module root)
    {
        // modules() lists parents before children, so restoring in that order lets each child's flag win.
        _modes = root.modules().Prepend(root).Select(m => (m, m.training)).ToList();
        root.eval();
    }

    public void Dispose()
    {
        foreach (var (module, training) in _modes)
        {
            module.train(training);
        }
    }
}
