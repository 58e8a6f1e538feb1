namespace CzSL.Training.Tests;

/// <summary>Applies the allocator settings before any test touches libtorch.</summary>
[TestClass]
public static class TestSetup
{
    [AssemblyInitialize]
    public static void Initialise(TestContext _) => TorchRuntime.Initialise(device: "cpu");
}
