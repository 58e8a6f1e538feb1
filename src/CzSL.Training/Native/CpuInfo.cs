namespace CzSL.Training.Native;

/// <summary>Counts physical CPU cores (hyper-thread siblings counted once).</summary>
internal static class CpuInfo
{
    /// <summary>
    /// Physical cores available to this process: distinct (physical id, core id) pairs of /proc/cpuinfo, capped by
    /// <see cref="Environment.ProcessorCount"/> (which honours affinity and container limits); that count elsewhere.
    /// </summary>
    public static int PhysicalCores()
    {
        var logical = Environment.ProcessorCount;
        const string path = "/proc/cpuinfo";
        if (!File.Exists(path)) return logical;
        var cores = new HashSet<(string, string)>();
        string physical = "0", core = "";
        foreach (var line in File.ReadLines(path))
        {
            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                if (core.Length > 0) cores.Add((physical, core));
                physical = "0";
                core = "";
                continue;
            }
            var key = line[..colon].Trim();
            if (key == "physical id") physical = line[(colon + 1)..].Trim();
            else if (key == "core id") core = line[(colon + 1)..].Trim();
        }
        if (core.Length > 0) cores.Add((physical, core));
        return cores.Count == 0 ? logical : Math.Clamp(cores.Count, 1, logical);
    }
}
