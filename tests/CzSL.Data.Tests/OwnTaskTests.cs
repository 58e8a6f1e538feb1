using CzSL.Data.Labels;
using CzSL.Data.Manifest;

namespace CzSL.Data.Tests;

/// <summary>A dataset's own task: its declaration (tasks.json), its manifest columns and its amateur labels.</summary>
[TestClass]
public sealed class OwnTaskTests
{
    private static readonly Scenario Bars = Scenario.Custom("bars", ["no_bar", "bar", "ring"]);

    private static string Folder() => Directory.CreateTempSubdirectory("czsl-tasks-").FullName;

    private static GalaxyRecord Record(string id, TaskLabels labels) =>
        new() { Id = id, Tasks = new Dictionary<string, TaskLabels> { [Bars.Id] = labels } };

    [TestMethod]
    public void Task_columns_round_trip_through_manifest_and_tasks_file()
    {
        var folder = Folder();
        DatasetManifest.Save(folder, [Record("a", new("bar", null, null)), Record("b", new(null, "ring", [1, 2, 7])), new GalaxyRecord { Id = "c", ExpertES = "spiral" }], [Bars]);

        var header = File.ReadLines(Path.Combine(folder, ManifestCsv.FileName)).First();
        Assert.AreEqual("id,image,expert_es,expert_bars,amateur_bars,votes_bars_no_bar,votes_bars_bar,votes_bars_ring", header);
        var manifest = DatasetManifest.Load(folder);
        var task = manifest.Tasks.Single();
        Assert.AreEqual(Bars, task);
        CollectionAssert.AreEqual(Bars.ClassNames.ToArray(), task.ClassNames.ToArray());
        Assert.AreEqual(3, task.SeedSlot, "the first declared task comes after the three built-ins");
        Assert.AreEqual("bar", manifest.Records[0].Expert(task));
        Assert.IsNull(manifest.Records[0].Task(task)!.Amateur);
        CollectionAssert.AreEqual(new[] { 1, 2, 7 }, manifest.Records[1].Task(task)!.Votes!.ToArray());
        Assert.IsNull(manifest.Records[2].Task(task), "a galaxy without the task's labels has none");
        Assert.AreEqual("spiral", manifest.Records[2].Expert(Scenario.ES));
        Assert.IsTrue(manifest.ExpertColumn(task).Present);
        Assert.AreEqual(("expert_mg", false), manifest.ExpertColumn(Scenario.MG));
    }

    [TestMethod]
    public void Task_columns_are_unknown_without_a_declaration()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, ManifestCsv.FileName), "id,expert_bars\na,bar\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => DatasetManifest.Load(folder));
        StringAssert.Contains(e.Message, "unknown column 'expert_bars'");
        StringAssert.Contains(e.Message, "tasks.json");
    }

    [TestMethod]
    public void A_bad_task_value_names_file_line_and_column()
    {
        var folder = Folder();
        TaskFile.Write(folder, [Bars]);
        File.WriteAllText(Path.Combine(folder, ManifestCsv.FileName), "id,amateur_bars,votes_bars_no_bar,votes_bars_bar,votes_bars_ring\na,bar,1,2,3\nb,disc,,,\n");
        var e = Assert.ThrowsExactly<ManifestFormatException>(() => DatasetManifest.Load(folder));
        StringAssert.Contains(e.Message, "line 3");
        StringAssert.Contains(e.Message, "amateur_bars");
        StringAssert.Contains(e.Message, "'disc'");

        File.WriteAllText(Path.Combine(folder, ManifestCsv.FileName), "id,votes_bars_no_bar,votes_bars_bar,votes_bars_ring\na,1,,3\n");
        e = Assert.ThrowsExactly<ManifestFormatException>(() => DatasetManifest.Load(folder));
        StringAssert.Contains(e.Message, "votes_bars_bar");
    }

    [TestMethod]
    public void A_bad_tasks_file_names_the_task_and_the_problem()
    {
        var folder = Folder();
        File.WriteAllText(Path.Combine(folder, TaskFile.FileName), """{"tasks": [{"name": "bars", "classes": ["no_bar", "bar"], "metric": "gmean"}]}""");
        var e = Assert.ThrowsExactly<InvalidDataException>(() => TaskFile.Read(folder));
        StringAssert.Contains(e.Message, "task 1: task 'bars': metric 'gmean'");

        File.WriteAllText(Path.Combine(folder, TaskFile.FileName), """{"tasks": [{"name": "es", "classes": ["a", "b"]}]}""");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => TaskFile.Read(folder)).Message, "built-in");

        File.WriteAllText(Path.Combine(folder, TaskFile.FileName), """{"tasks": [{"name": "bars", "classes": ["a", "b"], "expertColumn": "expert_es"}]}""");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => TaskFile.Read(folder)).Message, "column 'expert_es' is already a manifest column");

        File.WriteAllText(Path.Combine(folder, TaskFile.FileName), """{"tasks": [{"name": "bars", "classes": ["a", "b", "c"], "metric": "gmean-auc"}]}""");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => TaskFile.Read(folder)).Message, "exactly 2 classes");
    }

    [TestMethod]
    public void Amateur_labels_of_a_task_come_from_its_votes_else_its_amateur_column()
    {
        var voted = Record("v", new(null, "ring", [2, 5, 3]));
        var tie = Record("t", new(null, null, [4, 4, 2]));
        var columnOnly = Record("c", new(null, "ring", null));

        Assert.AreEqual(1, new MajorityLabelPolicy().Label(voted, Bars)!.ClassIndex, "votes win over the amateur column");
        Assert.AreEqual(0, new MajorityLabelPolicy().Label(tie, Bars)!.ClassIndex, "a tie goes to the first class");
        Assert.AreEqual(2, new MajorityLabelPolicy().Label(columnOnly, Bars)!.ClassIndex);
        // 5 / 10 = 0.5 ≥ 0.5 keeps it; < 0.6 drops it.
        Assert.IsNotNull(new ThresholdLabelPolicy(0.5).Label(voted, Bars));
        Assert.IsNull(new ThresholdLabelPolicy(0.6).Label(voted, Bars));
        CollectionAssert.AreEqual(new[] { 0.2f, 0.5f, 0.3f }, new SoftLabelPolicy().Label(voted, Bars)!.Target);
        Assert.AreEqual(2, new ConsensusLabelPolicy().Label(voted, Bars)!.ClassIndex, "consensus reads the amateur column only");
        Assert.IsNull(new ConsensusLabelPolicy().Label(tie, Bars));
        Assert.IsFalse(AmateurLabelPolicy.HasSource(new GalaxyRecord { Id = "x", Votes = new VoteCounts(1, 0, 0, 0, 0, 0) }, Bars),
            "GZ1 votes are no amateur source of an own task");
    }

    [TestMethod]
    public void Tasks_compare_by_name_and_reject_bad_declarations()
    {
        Assert.AreEqual(Bars, Scenario.FromCard("bars", ["x", "y"]));
        Assert.AreSame(Scenario.MG, Scenario.FromCard("MG", ScenarioClasses.MG));
        Assert.AreNotEqual(Scenario.ES, Bars);
        Assert.AreEqual(Bars, ScenarioNames.Parse("BARS", [Bars]));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ScenarioNames.Parse("bars")).Message, "tasks.json");
        Assert.ThrowsExactly<ArgumentException>(() => Scenario.Custom("Bars", ["a", "b"]));
        Assert.ThrowsExactly<ArgumentException>(() => Scenario.Custom("bars", ["a", "a"]));
        Assert.ThrowsExactly<ArgumentException>(() => Scenario.Custom("bars", ["a", "b", "c"], mirror: [1, 2, 0]), "a mirror is an involution");
        CollectionAssert.AreEqual(new[] { 0, 2, 1 }, Scenario.Custom("spin", ["none", "cw", "acw"], mirror: [0, 2, 1]).MirrorClasses);
        Assert.IsNull(Scenario.Custom("bars", ["a", "b"], mirror: [0, 1]).MirrorClasses, "the identity is no mirror swap");
        Assert.IsTrue(Scenario.MG.IsRareBinary && !Scenario.ES.IsRareBinary && !Scenario.ERL.IsRareBinary);
    }
}
