using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;
using CzSL.MLNet;
using CzSL.Pipeline.Tests.Paper;

namespace CzSL.Pipeline.Tests.Architecture;

/// <summary>
/// The deployable scoring library stays lean: neither it nor anything it pulls in (transitively) is TorchSharp,
/// plotting or the classical trainers; reporting has no ML; no library under src/ reaches into data-prep.
/// </summary>
[TestClass]
public sealed class ArchitectureTests
{
    private static readonly string[] NotInScoring = ["TorchSharp", "libtorch", "OxyPlot", "Microsoft.ML.LightGbm", "Microsoft.ML.FastTree", "LightGBM"];

    [TestMethod]
    public void TheScoringLibraryPullsInNeitherTorchSharpNorPlotsNorTheClassicalTrainers()
    {
        var packages = Packages("CzSL.MLNet");
        Assert.IsTrue(packages.Contains("Microsoft.ML.OnnxTransformer"), "the reader sees the scoring library's own packages");
        var offending = packages.Where(p => NotInScoring.Any(n => p.StartsWith(n, StringComparison.OrdinalIgnoreCase))).ToList();
        Assert.IsEmpty(offending, $"CzSL.MLNet depends (transitively) on {string.Join(", ", offending)}");

        var references = typeof(CzslTransformsCatalog).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.IsTrue(references.Contains("Microsoft.ML.OnnxTransformer"));
        var referenced = references.Where(r => NotInScoring.Any(n => r.StartsWith(n, StringComparison.OrdinalIgnoreCase)) || r.StartsWith("CzSL.", StringComparison.Ordinal) && r != "CzSL.Data").ToList();
        Assert.IsEmpty(referenced, $"CzSL.MLNet.dll references {string.Join(", ", referenced)}");
    }

    [TestMethod]
    public void ThePackageCheckSeesTransitiveDependencies()
    {
        // Negative control: the pipeline does depend on TorchSharp (through CzSL.Training) and on LightGbm.
        var packages = Packages("CzSL.Pipeline");
        Assert.IsTrue(packages.Any(p => p.StartsWith("TorchSharp", StringComparison.Ordinal)), string.Join(", ", packages));
        Assert.IsTrue(packages.Contains("Microsoft.ML.LightGbm"));
    }

    [TestMethod]
    public void ReportingHasNoMachineLearningDependency()
    {
        var packages = Packages("CzSL.Reporting");
        var offending = packages.Where(p => p.StartsWith("Microsoft.ML", StringComparison.Ordinal) || p.StartsWith("TorchSharp", StringComparison.Ordinal)).ToList();
        Assert.IsEmpty(offending, $"CzSL.Reporting depends on {string.Join(", ", offending)}");
    }

    [TestMethod]
    public void OnlyTheCommandLineReachesIntoDataPrep()
    {
        var src = Path.Combine(SharedData.RepositoryRoot(), "src");
        var projects = Directory.GetFiles(src, "*.csproj", SearchOption.AllDirectories);
        Assert.IsGreaterThanOrEqualTo(6, projects.Length, "the src/ projects were found");
        foreach (var project in projects.Where(p => Path.GetFileNameWithoutExtension(p) != "CzSL.Cli"))
        {
            var references = XDocument.Load(project).Descendants("ProjectReference").Select(r => (string?)r.Attribute("Include") ?? "").ToList();
            Assert.IsFalse(references.Any(r => r.Replace('\\', '/').Contains("data-prep/", StringComparison.Ordinal)),
                $"{Path.GetFileName(project)} references data-prep: {string.Join(", ", references)}");
        }
    }

    /// <summary>Every package in the restore closure of src/<paramref name="project"/> (from its project.assets.json).</summary>
    private static HashSet<string> Packages(string project)
    {
        var root = SharedData.RepositoryRoot();
        var artifacts = Environment.GetEnvironmentVariable("CZSL_ARTIFACTS");
        var candidates = new[]
        {
            Path.Combine(root, "src", project, "obj", "project.assets.json"),
            string.IsNullOrEmpty(artifacts) ? "" : Path.Combine(artifacts, "obj", project, "project.assets.json"),
        };
        var path = candidates.FirstOrDefault(File.Exists)
                   ?? throw new AssertFailedException($"No restore output for {project} at {string.Join(" or ", candidates.Where(c => c.Length > 0))}: build the solution first.");
        using var assets = JsonDocument.Parse(File.ReadAllText(path));
        return assets.RootElement.GetProperty("libraries").EnumerateObject()
            .Where(l => l.Value.GetProperty("type").GetString() == "package")
            .Select(l => l.Name.Split('/')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
