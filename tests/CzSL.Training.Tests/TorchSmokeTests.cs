using TorchSharp;
using static TorchSharp.torch;

namespace CzSL.Training.Tests;

/// <summary>Proves libtorch loads on this OS (the GLIBCXX patch in build/) and that one optimiser step trains.</summary>
[TestClass]
public sealed class TorchSmokeTests
{
    [TestMethod]
    public void OneAdamStepLowersTheLoss()
    {
        torch.manual_seed(1);
        using var scope = torch.NewDisposeScope();
        var layer = nn.Linear(4, 1);
        var x = torch.randn(32, 4);
        var y = x.sum(1, keepdim: true);
        var optimizer = optim.Adam(layer.parameters(), lr: 0.05);

        var before = nn.functional.mse_loss(layer.forward(x), y);
        optimizer.zero_grad();
        before.backward();
        optimizer.step();
        var after = nn.functional.mse_loss(layer.forward(x), y);

        Assert.IsTrue(after.item<float>() < before.item<float>(),
            $"loss did not fall: {before.item<float>()} -> {after.item<float>()}");
    }
}
