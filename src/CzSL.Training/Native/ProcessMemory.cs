namespace CzSL.Training.Native;

/// <summary>Resident-set figures of this process from /proc/self/status (Linux); 0 elsewhere.</summary>
public static class ProcessMemory
{
    /// <summary>Current resident set size in bytes (VmRSS).</summary>
    public static long ResidentBytes() => ReadKilobytes("VmRSS:") * 1024;

    /// <summary>Peak resident set size in bytes since the process started (VmHWM).</summary>
    public static long PeakResidentBytes() => ReadKilobytes("VmHWM:") * 1024;

    private static long ReadKilobytes(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return 0;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
            var digits = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return long.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }
}
