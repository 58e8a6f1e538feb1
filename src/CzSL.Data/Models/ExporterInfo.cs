namespace CzSL.Data.Models;

/// <summary>The program that wrote the ONNX file.</summary>
/// <param name="Name">Exporter name, e.g. "CzSL.Training.Onnx".</param>
/// <param name="Version">Exporter version.</param>
public sealed record ExporterInfo(string Name, string Version);
