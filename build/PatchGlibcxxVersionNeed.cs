#nullable enable
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks one GNU version need (e.g. GLIBCXX_3.4.32) of every libLibTorchSharp.so under <see cref="Folder"/> as weak
/// (VER_FLG_WEAK), unless the system's libstdc++ already provides that version. Files are replaced atomically.
/// </summary>
public class PatchGlibcxxVersionNeed : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const ushort VerFlgWeak = 0x2;
    private const string LibraryName = "libLibTorchSharp.so";

    /// <summary>Output or publish folder to scan (recursively).</summary>
    [Required] public string Folder { get; set; } = "";

    /// <summary>The version need to weaken, e.g. GLIBCXX_3.4.32.</summary>
    [Required] public string VersionName { get; set; } = "";

    public override bool Execute()
    {
        if (!Directory.Exists(Folder)) return true;
        var libraries = Directory.GetFiles(Folder, LibraryName, SearchOption.AllDirectories);
        if (libraries.Length == 0) return true;

        var system = FindSystemLibstdcxx();
        if (system != null && ContainsVersionString(system, VersionName))
        {
            Log.LogMessage(MessageImportance.Low, $"czsl: {system} provides {VersionName}; {LibraryName} left as shipped.");
            return true;
        }

        foreach (var library in libraries)
        {
            try
            {
                if (WeakenVersionNeed(library, VersionName))
                    Log.LogMessage(MessageImportance.High,
                        $"czsl: marked {VersionName} weak in {library} (system libstdc++ {system ?? "not found"} lacks it)");
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Log.LogError($"czsl: could not patch {library}: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>The libstdc++.so.6 the dynamic loader would pick first (LD_LIBRARY_PATH, then the usual folders).</summary>
    private static string? FindSystemLibstdcxx()
    {
        var folders = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[]
            {
                "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
                "/lib64", "/usr/lib64", "/lib", "/usr/lib",
            });
        return folders.Select(f => Path.Combine(f, "libstdc++.so.6")).FirstOrDefault(File.Exists);
    }

    private static bool ContainsVersionString(string path, string version)
    {
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i <= bytes.Length - needle.Length; i++)
        {
            var j = 0;
            while (j < needle.Length && bytes[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on the named Vernaux entry. Returns false when already weak or not present.</summary>
    private static bool WeakenVersionNeed(string path, string version)
    {
        var elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1) throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        var shoff = (long)BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A), shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (var s = 0; s < shnum; s++)
        {
            var sh = shoff + (long)s * shentsize;
            if (BitConverter.ToUInt32(elf, (int)sh + 4) != ShtGnuVerneed) continue;
            var offset = (long)BitConverter.ToUInt64(elf, (int)sh + 24);
            var link = BitConverter.ToUInt32(elf, (int)sh + 40);
            var count = BitConverter.ToUInt32(elf, (int)sh + 44);
            var strtab = (long)BitConverter.ToUInt64(elf, (int)(shoff + link * shentsize) + 24);

            var need = offset;
            for (var n = 0; n < count; n++)
            {
                var auxCount = BitConverter.ToUInt16(elf, (int)need + 2);
                var aux = need + BitConverter.ToUInt32(elf, (int)need + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    var name = ReadCString(elf, strtab + BitConverter.ToUInt32(elf, (int)aux + 8));
                    if (name == version)
                    {
                        var flagsAt = (int)aux + 4;
                        var flags = BitConverter.ToUInt16(elf, flagsAt);
                        if ((flags & VerFlgWeak) != 0) return false;
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, flagsAt);
                        ReplaceAtomically(path, elf);
                        return true;
                    }
                    aux += BitConverter.ToUInt32(elf, (int)aux + 12);
                }
                need += BitConverter.ToUInt32(elf, (int)need + 12);
            }
        }
        return false;
    }

    private static string ReadCString(byte[] bytes, long at)
    {
        var end = (int)at;
        while (end < bytes.Length && bytes[end] != 0) end++;
        return Encoding.ASCII.GetString(bytes, (int)at, end - (int)at);
    }

    private static void ReplaceAtomically(string path, byte[] contents)
    {
        var temp = path + ".czsl-patch.tmp";
        File.WriteAllBytes(temp, contents);
        File.Replace(temp, path, null); // rename(2): readers see the old or the new file, never half of one

    }
}
