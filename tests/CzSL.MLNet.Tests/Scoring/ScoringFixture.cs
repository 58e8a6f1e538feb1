using CzSL.Data;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>A temporary folder with tiny ONNX classifiers (3-class ERL and 2-class MG) and generated images.</summary>
internal sealed class ScoringFixture : IDisposable
{
    public const int Size = 8;

    public ScoringFixture(int images = 6)
    {
        Folder = Directory.CreateTempSubdirectory("czsl-scoring-").FullName;
        Erl = new TinyOnnxClassifier(ScenarioClasses.ERL, Size, Size, seed: 11);
        ErlCard = Erl.WriteWithCard(Folder, "erl");
        Mg = new TinyOnnxClassifier(ScenarioClasses.MG, Size, Size, seed: 5);
        MgCard = Mg.WriteWithCard(Folder, "mg");
        for (var i = 0; i < images; i++)
        {
            var path = Path.Combine(Folder, $"img{i}.png");
            Pixels.Add(TestImages.WriteRandomPng(path, Size, Size, seed: 100 + i));
            ImagePaths.Add(path);
        }
    }

    public string Folder { get; }
    public TinyOnnxClassifier Erl { get; }
    public string ErlCard { get; }
    public TinyOnnxClassifier Mg { get; }
    public string MgCard { get; }
    public List<string> ImagePaths { get; } = [];
    public List<byte[]> Pixels { get; } = [];

    /// <summary>The reference probabilities of image <paramref name="i"/> under <paramref name="model"/>.</summary>
    public float[] Reference(TinyOnnxClassifier model, int i) => model.Forward(TestImages.ToPlanar(Pixels[i], Size, Size)).Probabilities;

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
