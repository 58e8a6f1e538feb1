namespace CzSL.Pipeline.Paper;

/// <summary>The paper's two label tables.</summary>
public enum PaperTableKind
{
    /// <summary><c>GZ1_Expert-ESRL_test_k.csv</c>: 40,902 galaxies with ES (EXPERT) and ERL (HAND) expert labels.</summary>
    Esrl,
    /// <summary><c>GZ1_Expert-MG_test_k.csv</c>: 43,779 galaxies with the expert merger flag (and ES_EXPERT).</summary>
    Mg,
}
