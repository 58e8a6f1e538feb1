using System.Security.Cryptography;

namespace CzSL.Pipeline.Paper;

/// <summary>Verifies files against a <c>SHA256SUMS</c> list (lines "hex-digest  file name", as sha256sum writes them).</summary>
public static class PaperChecksums
{
    /// <summary>Name of the checksum list in the tables folder.</summary>
    public const string FileName = "SHA256SUMS";

    /// <summary>
    /// Checks that every file of <paramref name="fileNames"/> in <paramref name="directory"/> is listed in its
    /// <see cref="FileName"/> and has that SHA-256 digest.
    /// </summary>
    /// <exception cref="FileNotFoundException">The checksum list is missing.</exception>
    /// <exception cref="InvalidDataException">A file is not listed, a line is malformed, or a digest differs (the message names the file).</exception>
    public static void Verify(string directory, IEnumerable<string> fileNames)
    {
        var listPath = Path.Combine(directory, FileName);
        if (!File.Exists(listPath))
            throw new FileNotFoundException($"Checksum list {listPath} not found (needed to verify the paper's tables).", listPath);
        var expected = Parse(listPath);
        foreach (var name in fileNames)
        {
            if (!expected.TryGetValue(name, out var digest))
                throw new InvalidDataException($"{name} is not listed in {listPath}.");
            var actual = Digest(Path.Combine(directory, name));
            if (!string.Equals(actual, digest, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException(
                    $"Checksum mismatch for {name}: {FileName} says {digest}, the file has {actual}. The file is damaged or not the published version.");
        }
    }

    /// <summary>Lower-case hex SHA-256 of the file at <paramref name="path"/>.</summary>
    public static string Digest(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static Dictionary<string, string> Parse(string listPath)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var line in File.ReadLines(listPath))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            var digest = space < 0 ? line : line[..space];
            var name = space < 0 ? "" : line[(space + 1)..].TrimStart(' ', '*');
            if (digest.Length != 64 || !digest.All(Uri.IsHexDigit) || name.Length == 0)
                throw new InvalidDataException($"{FileName} line {lineNumber}: expected '<64 hex digits>  <file name>', got '{line}'.");
            result[name] = digest;
        }
        return result;
    }
}
