using CzSL.Training.Modules;
using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

/// <summary>
/// Compares float32 gradients with a float64 copy of the same network. On AVX-512 CPUs oneDNN's NCHW convolution
/// backward is wrong for channel counts that are not multiples of 16 (the paper preset); the networks must take the
/// channels-last path whatever layout the caller passes.
/// </summary>
[TestClass]
public sealed class GradientCheckTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var nchw in new[] { false, true })
        {
            yield return ["paper", nchw, NetworkConfig.Paper(3) with { InputSize = 16 }];
            yield return ["default", nchw, NetworkConfig.Default(3, 16) with { Dropout = 0 }];
            yield return ["transposed", nchw, NetworkConfig.Paper(3) with { InputSize = 16, DecoderUpsample = UpsampleKind.Transposed, Downsample = DownsampleKind.Stride }];
        }
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void ClassifierGradientsMatchFloat64(string name, bool nchwInput, NetworkConfig config)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var x = Input(nchwInput);
        var y = torch.tensor(new long[] { 0, 1, 2, 1 });
        torch.manual_seed(5);
        using var m32 = new CzslClassifier(config);
        torch.manual_seed(5);
        using var m64 = new CzslClassifier(config);
        m64.to(ScalarType.Float64);
        m32.train();
        m64.train();
        nn.functional.cross_entropy(m32.forward(x), y).backward();
        nn.functional.cross_entropy(m64.forward(x.to(ScalarType.Float64)), y).backward();
        AssertGradientsMatch(name, m32, m64);
    }

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void AutoencoderGradientsMatchFloat64(string name, bool nchwInput, NetworkConfig config)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var x = Input(nchwInput);
        torch.manual_seed(5);
        using var m32 = new ConvAutoencoder(config);
        torch.manual_seed(5);
        using var m64 = new ConvAutoencoder(config);
        m64.to(ScalarType.Float64);
        nn.functional.binary_cross_entropy(m32.forward(x), x).backward();
        var x64 = x.to(ScalarType.Float64);
        nn.functional.binary_cross_entropy(m64.forward(x64), x64).backward();
        AssertGradientsMatch(name, m32, m64);
    }

    private static Tensor Input(bool nchw) =>
        nchw ? torch.rand(4, 3, 16, 16) : torch.rand(4, 16, 16, 3).permute(0, 3, 1, 2);

    private static void AssertGradientsMatch(string name, nn.Module m32, nn.Module m64)
    {
        var p64 = m64.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (key, p) in m32.named_parameters())
        {
            var g32 = p.grad!.to(ScalarType.Float64);
            var g64 = p64[key].grad!;
            Assert.IsTrue(g32.isfinite().all().item<bool>(), $"{name}: non-finite gradient of {key}");
            var scale = g64.abs().max().item<double>() + 1e-8;
            var error = (g32 - g64).abs().max().item<double>() / scale;
            Assert.IsLessThan(1e-3, error, $"{name}: gradient of {key} differs from float64 by {error:G3} (relative to its largest entry)");
        }
    }
}
