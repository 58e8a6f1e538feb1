namespace CzSL.Data.Tests;

[TestClass]
public sealed class OutputFolderLockTests
{
    [TestMethod]
    public void A_second_run_on_a_folder_is_refused_until_the_first_releases_it()
    {
        using var dir = new TempFolder();
        var out1 = Path.Combine(dir.Path, "out");
        var first = OutputFolderLock.Acquire(out1);
        var e = Assert.ThrowsExactly<OutputFolderBusyException>(() => OutputFolderLock.Acquire(out1));
        StringAssert.Contains(e.Message, Path.GetFullPath(out1));
        using (OutputFolderLock.Acquire(Path.Combine(dir.Path, "other"))) { } // negative control: another folder is free
        first.Dispose();
        using var again = OutputFolderLock.Acquire(out1);
        Assert.AreEqual(Path.GetFullPath(out1), again.Folder);
    }

    [TestMethod]
    public void Taking_the_lock_removes_temporary_files_of_killed_writes_and_nothing_else()
    {
        using var dir = new TempFolder();
        var ours = new[] { dir.File($".manifest.csv.{Guid.NewGuid():N}.tmp"), dir.File($"stage/.weights-0001.bin.{Guid.NewGuid():N}.tmp") };
        var theirs = new[] { dir.File("keep.tmp"), dir.File(".short.0123.tmp"), dir.File("manifest.csv"), dir.File("stage/weights-0001.bin") };
        foreach (var f in ours.Concat(theirs)) dir.Write(Path.GetRelativePath(dir.Path, f), "x");

        using var folderLock = OutputFolderLock.Acquire(dir.Path);

        Assert.AreEqual(2, folderLock.RemovedTemporaryFiles);
        foreach (var f in ours) Assert.IsFalse(File.Exists(f), f);
        foreach (var f in theirs) Assert.IsTrue(File.Exists(f), f);
    }

    [TestMethod]
    public void Folders_the_lock_created_are_removed_again_when_nothing_was_written()
    {
        using var dir = new TempFolder();
        var nested = Path.Combine(dir.Path, "a", "b");
        OutputFolderLock.Acquire(nested).Dispose();
        Assert.IsFalse(Directory.Exists(Path.Combine(dir.Path, "a")), "a run refused before writing leaves nothing");

        using (var used = OutputFolderLock.Acquire(nested)) File.WriteAllText(Path.Combine(nested, "out.csv"), "x");
        Assert.IsTrue(File.Exists(Path.Combine(nested, "out.csv")), "a folder with outputs stays");

        var existing = Directory.CreateDirectory(Path.Combine(dir.Path, "existing")).FullName;
        OutputFolderLock.Acquire(existing).Dispose();
        Assert.IsTrue(Directory.Exists(existing), "a folder that was there before stays");
    }

    [TestMethod]
    public void A_write_that_fails_leaves_the_old_file_and_no_temporary_file()
    {
        using var dir = new TempFolder();
        var path = dir.Write("a.txt", "old");
        Assert.ThrowsExactly<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(1);
            throw new InvalidOperationException("killed");
        }));
        Assert.AreEqual("old", File.ReadAllText(path));
        AtomicFile.Copy(dir.Write("b.txt", "new"), path);
        Assert.AreEqual("new", File.ReadAllText(path));
        Assert.IsFalse(Directory.EnumerateFiles(dir.Path, "*.tmp").Any());
        Assert.IsTrue(AtomicFile.IsTemporaryFile(Path.GetFileName(AtomicFile.TemporaryPath(path))));
    }
}
