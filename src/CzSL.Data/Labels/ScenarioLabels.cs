using CzSL.Data.Manifest;

namespace CzSL.Data.Labels;

/// <summary>Class indices of a record's expert and true labels.</summary>
public static class ScenarioLabels
{
    /// <summary>Index of <paramref name="record"/>'s expert label for <paramref name="scenario"/>, or null when it has none.</summary>
    public static int? ExpertIndex(GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Expert(scenario) is { } name ? ScenarioClasses.IndexOf(scenario, name) : null;
    }

    /// <summary>Index of <paramref name="record"/>'s true label for <paramref name="scenario"/> (simulated data), or null.</summary>
    public static int? TruthIndex(GalaxyRecord record, Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.Truth(scenario) is { } name ? ScenarioClasses.IndexOf(scenario, name) : null;
    }
}
