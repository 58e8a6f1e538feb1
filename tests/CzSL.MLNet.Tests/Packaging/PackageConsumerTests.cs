using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CzSL.Data;
using CzSL.MLNet.Tests.Scoring;

namespace CzSL.MLNet.Tests.Packaging;

/// <summary>
/// Packs CzSL.Data + CzSL.MLNet to a local folder, restores them from there into a fresh console project outside the
/// repository (no project reference; the native ONNX Runtime is the consumer's choice) and runs the README's
/// "Use from ML.NET" example on a tiny model with known outputs.
/// </summary>
[TestClass]
public sealed partial class PackageConsumerTests
{
    private static readonly string[] AllowedDependencies =
        ["CzSL.Data", "Microsoft.ML", "Microsoft.ML.ImageAnalytics", "Microsoft.ML.OnnxTransformer", "Microsoft.ML.OnnxRuntime.Managed"];

    private static readonly string[] ForbiddenDependencies =
        ["TorchSharp", "OxyPlot", "LightGbm", "FastTree", "Microsoft.ML.OnnxRuntime.Gpu", "libtorch"];

    [TestMethod]
    [Timeout(600_000, CooperativeCancellation = true)]
    public void The_packed_library_restores_from_a_local_feed_and_the_readme_example_scores_images()
    {
        var root = SharedData.RepoRoot() ?? throw new AssertInconclusiveException("the repository root (CzSL.MLNet.sln) was not found; cannot pack.");
        using var fx = new ScoringFixture(images: 1);
        var work = Path.Combine(fx.Folder, "pack");
        var feed = Path.Combine(work, "feed");
        var version = $"0.0.1-test.{DateTime.UtcNow:yyyyMMddHHmmss}{Random.Shared.Next(1000, 9999)}";
        // A private build folder: the pack does not touch the repository's bin/obj that other test projects use.
        var env = new Dictionary<string, string> { ["CZSL_ARTIFACTS"] = Path.Combine(work, "artifacts") };
        foreach (var project in new[] { "src/CzSL.MLNet/CzSL.MLNet.csproj", "src/CzSL.Data/CzSL.Data.csproj" })
            DotnetProcess.Run(root, ["pack", project, "-c", "Release", "-o", feed, $"-p:Version={version}"], env);

        var nuspec = Nuspec(Path.Combine(feed, $"CzSL.MLNet.{version}.nupkg"));
        var ns = nuspec.Root!.Name.Namespace;
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        var dependencies = metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).Distinct().Order().ToList();
        CollectionAssert.AreEquivalent(AllowedDependencies, dependencies, $"dependencies: {string.Join(", ", dependencies)}");
        foreach (var forbidden in ForbiddenDependencies)
            Assert.IsFalse(dependencies.Any(d => d.Contains(forbidden, StringComparison.OrdinalIgnoreCase)), forbidden);
        Assert.AreEqual(version, (string?)metadata.Element(ns + "version"));
        Assert.AreEqual("MIT", (string?)metadata.Element(ns + "license"));
        Assert.AreEqual("README.md", (string?)metadata.Element(ns + "readme"));
        StringAssert.Contains((string?)metadata.Element(ns + "description"), "ML.NET");
        StringAssert.Contains((string?)metadata.Element(ns + "tags"), "onnx");
        Assert.IsNotNull(metadata.Element(ns + "repository"), "repository metadata (type, commit) is written");

        var example = ReadmeExample(root);
        var consumer = Path.Combine(work, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), example);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <NoWarn>$(NoWarn);NU1603;NU1608;NU1701;NU1901;NU1902;NU1903;NU1904</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="CzSL.MLNet" Version="{version}" />
                <PackageReference Include="Microsoft.ML.OnnxRuntime.Gpu" Version="1.31.0" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="czsl-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        DotnetProcess.Run(consumer, ["build", "-c", "Release"]);
        var output = DotnetProcess.Run(consumer, ["bin/Release/net10.0/Consumer.dll", fx.ErlCard, fx.ImagePaths[0]]);

        var reference = fx.Reference(fx.Erl, 0);
        var expectedClass = ScenarioClasses.ERL[Array.IndexOf(reference, reference.Max())];
        foreach (var route in new[] { "file", "loaded", "memory" })
        {
            var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(route + ": ", StringComparison.Ordinal))
                ?? throw new AssertFailedException($"no '{route}:' line in the example's output:\n{output}");
            var parts = line[(route.Length + 2)..].Trim().Split(' ');
            Assert.AreEqual(expectedClass, parts[0], route);
            var probabilities = parts[1..].Select(p => float.Parse(p, CultureInfo.InvariantCulture)).ToArray();
            Assert.HasCount(3, probabilities, route);
            for (var k = 0; k < 3; k++) Assert.AreEqual(reference[k], probabilities[k], 1e-5, $"{route}, class {k}");
        }
        StringAssert.Contains(output, $"p({ScenarioClasses.ERL[0]}) = ");
    }

    [TestMethod]
    public void The_package_readme_carries_the_same_example_as_the_repository_readme()
    {
        var root = SharedData.RepoRoot() ?? throw new AssertInconclusiveException("the repository root (CzSL.MLNet.sln) was not found.");
        Assert.AreEqual(ReadmeExample(root), FirstCSharpBlock(File.ReadAllText(Path.Combine(root, "src", "CzSL.MLNet", "PACKAGE.md")), "PACKAGE.md"));
    }

    /// <summary>The first C# block of the README's "Use from ML.NET" section.</summary>
    private static string ReadmeExample(string root)
    {
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("\n## Use from ML.NET", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, "README.md has a '## Use from ML.NET' section");
        return FirstCSharpBlock(readme[start..], "README.md");
    }

    private static string FirstCSharpBlock(string text, string file)
    {
        var match = CSharpBlock().Match(text);
        Assert.IsTrue(match.Success, $"{file} has a ```csharp block");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    private static XDocument Nuspec(string nupkg)
    {
        Assert.IsTrue(File.Exists(nupkg), $"{nupkg} was packed");
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }
}
