using CzSL.Data;
using Google.Protobuf;
using Onnx;

namespace CzSL.Training.Onnx;

/// <summary>Writes an ONNX model atomically (<see cref="AtomicFile"/>: a temporary file in the target folder, then a rename over the target).</summary>
internal static class OnnxModelFile
{
    public static void Write(ModelProto model, string path) => AtomicFile.Write(path, model.WriteTo);
}
