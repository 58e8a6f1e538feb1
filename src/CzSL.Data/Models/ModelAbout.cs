namespace CzSL.Data.Models;

/// <summary>
/// The human part of a model card (in the spirit of Mitchell et al. 2019 and Hugging Face model cards): the training
/// data in words, the intended use, the known limitations, the evaluation, how to cite, and the licence.
/// </summary>
public sealed record ModelAbout
{
    /// <summary>What the model was trained on: survey, image size and framing, label sources and counts.</summary>
    public required string TrainedOn { get; init; }
    /// <summary>What the model is for, and what it is not for.</summary>
    public required string IntendedUse { get; init; }
    /// <summary>Known limitations and failure modes, each a sentence.</summary>
    public IReadOnlyList<string> Limitations { get; init; } = [];
    /// <summary>How the metrics were measured (e.g. "5-fold cross-validation over the 407 expert-labelled galaxies").</summary>
    public string? Evaluation { get; init; }
    /// <summary>What to cite when using the model.</summary>
    public required string Citation { get; init; }
    /// <summary>Licence of the model files (SPDX expression), when set.</summary>
    public string? License { get; init; }
    /// <summary>The terms of the data the model was trained on (acknowledgements, citations), when known.</summary>
    public string? DataTerms { get; init; }

    /// <summary>The licence of this project's code and released models (a placeholder the repository owner is to confirm).</summary>
    public const string ProjectLicense = "MIT";

    /// <summary>The terms of the SDSS imaging and Galaxy Zoo 1 labels the released models are trained on.</summary>
    public const string SdssGalaxyZooTerms =
        "SDSS DR7 images and Galaxy Zoo 1 volunteer votes are public data: acknowledge the Sloan Digital Sky Survey " +
        "(https://www.sdss.org/collaboration/citing-sdss/) and cite Galaxy Zoo 1 (Lintott et al. 2008, 2011) when you use them or models trained on them.";

    /// <summary>The CzSL paper and the Galaxy Zoo 1 releases behind the volunteer labels.</summary>
    public const string CzslCitation =
        "Jimenez, Alfaro, Torres Torres & Triguero (2023), MNRAS, 'Citizen Science Learning' (arXiv:2302.00366); " +
        "Galaxy Zoo 1: Lintott et al. (2008), MNRAS 389, 1179 and Lintott et al. (2011), MNRAS 410, 166; SDSS DR7 imaging.";
}
