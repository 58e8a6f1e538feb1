namespace CzSL.Data.Manifest;

/// <summary>Header names of manifest.csv, in the order they are written.</summary>
public static class ManifestColumns
{
    /// <summary>Unique galaxy id (required).</summary>
    public const string Id = "id";
    /// <summary>Image path relative to the manifest folder.</summary>
    public const string Image = "image";
    /// <summary>Right ascension, degrees.</summary>
    public const string Ra = "ra";
    /// <summary>Declination, degrees.</summary>
    public const string Dec = "dec";
    /// <summary>Elliptical votes.</summary>
    public const string NEl = "n_el";
    /// <summary>Clockwise spiral votes.</summary>
    public const string NCw = "n_cw";
    /// <summary>Anticlockwise spiral votes.</summary>
    public const string NAcw = "n_acw";
    /// <summary>Edge-on votes.</summary>
    public const string NEdge = "n_edge";
    /// <summary>"Don't know" votes.</summary>
    public const string NDk = "n_dk";
    /// <summary>Merger votes.</summary>
    public const string NMg = "n_mg";
    /// <summary>Combined spiral votes (derived: n_cw + n_acw + n_edge; checked when present).</summary>
    public const string NCs = "n_cs";
    /// <summary>All votes (derived: sum of the six counts; checked when present).</summary>
    public const string NVotes = "n_votes";
    /// <summary>GZ1 bias-corrected elliptical fraction.</summary>
    public const string ElDeb = "el_deb";
    /// <summary>GZ1 bias-corrected spiral fraction.</summary>
    public const string CsDeb = "cs_deb";
    /// <summary>EL_DEB[123] of the CzSL paper's ESRL tables.</summary>
    public const string ElDeb123 = "el_deb_123";
    /// <summary>CS_DEB[123] of the CzSL paper's ESRL tables.</summary>
    public const string CsDeb123 = "cs_deb_123";
    /// <summary>GZ1 consensus leaf class (<see cref="Gz1Consensus"/>).</summary>
    public const string Consensus = "consensus";
    /// <summary>Expert ES label.</summary>
    public const string ExpertES = "expert_es";
    /// <summary>Expert ERL label.</summary>
    public const string ExpertERL = "expert_erl";
    /// <summary>Expert MG label.</summary>
    public const string ExpertMG = "expert_mg";
    /// <summary>True ES class (simulated data).</summary>
    public const string TruthES = "truth_es";
    /// <summary>True ERL class (simulated data).</summary>
    public const string TruthERL = "truth_erl";
    /// <summary>True MG class (simulated data).</summary>
    public const string TruthMG = "truth_mg";
    /// <summary>True fine morphological type (simulated data).</summary>
    public const string TruthType = "truth_type";
    /// <summary>Cross-validation fold, 1-based.</summary>
    public const string Fold = "fold";
    /// <summary>Position in the source's file order.</summary>
    public const string Order = "order";

    /// <summary>The six vote-count columns, which are present all together or not at all.</summary>
    public static readonly IReadOnlyList<string> Votes = [NEl, NCw, NAcw, NEdge, NDk, NMg];

    /// <summary>Every known column, in written order.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        Id, Image, Ra, Dec, NEl, NCw, NAcw, NEdge, NDk, NMg, NCs, NVotes, ElDeb, CsDeb, ElDeb123, CsDeb123, Consensus,
        ExpertES, ExpertERL, ExpertMG, TruthES, TruthERL, TruthMG, TruthType, Fold, Order,
    ];
}
