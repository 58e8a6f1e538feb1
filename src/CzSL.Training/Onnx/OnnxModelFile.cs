using Google.Protobuf;
using Onnx;

namespace CzSL.Training.Onnx;

/// <summary>Writes an ONNX model atomically: a temporary file in the target folder, then a rename over the target.</summary>
internal static class OnnxModelFile
{
    public static void Write(ModelProto model, string path)
    {
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"ONNX output path '{path}' has no folder.", nameof(path));
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = File.Create(temporary))
            {
                model.WriteTo(stream);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
