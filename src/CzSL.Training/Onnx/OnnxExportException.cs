namespace CzSL.Training.Onnx;

/// <summary>
/// Thrown when a network cannot be written as ONNX: an unsupported layer, an attribute that cannot be read or
/// has no ONNX equivalent. The message names the layer's path in the network and its TorchSharp type.
/// </summary>
public sealed class OnnxExportException : Exception
{
    /// <summary>Creates the exception for the layer at <paramref name="layerPath"/>.</summary>
    /// <param name="layerPath">Dotted path of the layer in the network, e.g. <c>encoder.layers.3</c>.</param>
    /// <param name="layerType">The layer's TorchSharp type name, e.g. <c>LSTM</c>.</param>
    /// <param name="reason">What is unsupported or unreadable.</param>
    public OnnxExportException(string layerPath, string layerType, string reason)
        : base($"ONNX export failed at layer '{layerPath}' ({layerType}): {reason}")
    {
        LayerPath = layerPath;
        LayerType = layerType;
    }

    /// <summary>Dotted path of the offending layer in the network.</summary>
    public string LayerPath { get; }

    /// <summary>TorchSharp type name of the offending layer.</summary>
    public string LayerType { get; }
}
