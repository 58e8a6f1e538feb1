namespace CzSL.Pipeline.Transfer;

/// <summary>Which vote columns the label transfer reads, as the reference code's two script variants name them.</summary>
public enum TransferInputs
{
    /// <summary>The seven vote fractions EL, CS, CW, ACW, EDGE, DK, MG (the reference's "Amateur" scripts and every MG script).</summary>
    Amateur,
    /// <summary>
    /// The reference's "Transformed" ES/ERL scripts: EL, CS, EL_DEB[123], CS_DEB[123], CW, ACW, EDGE, DK, MG (9 inputs,
    /// in that order). Only the paper's ESRL tables publish the two extra columns.
    /// </summary>
    Transformed,
}

/// <summary>Parses <see cref="TransferInputs"/> from the command line.</summary>
public static class TransferInputNames
{
    /// <summary>The name of <paramref name="inputs"/> (<c>amateur</c> or <c>transformed</c>).</summary>
    public static string Name(this TransferInputs inputs) => inputs switch
    {
        TransferInputs.Amateur => "amateur",
        TransferInputs.Transformed => "transformed",
        _ => throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "Unknown transfer inputs."),
    };

    /// <summary>The input set named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static TransferInputs Parse(string name) =>
        Enum.GetValues<TransferInputs>().Where(i => string.Equals(i.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase)).Select(i => (TransferInputs?)i).FirstOrDefault()
        ?? throw new ArgumentException($"Unknown transfer inputs '{name}': expected amateur (7 vote fractions) or transformed (+ EL_DEB[123], CS_DEB[123]).");
}
