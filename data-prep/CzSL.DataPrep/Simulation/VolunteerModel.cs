namespace CzSL.DataPrep.Simulation;

/// <summary>
/// Parameters of the simulated Galaxy Zoo 1 volunteers (see <see cref="VolunteerSimulator"/> for how they are used).
/// Every probability below is a logistic function σ(·) of a "logit" built from a galaxy's <see cref="VisualCues"/>:
/// <list type="bullet">
/// <item><c>Lres = ln(Resolution / ResolutionReference)</c>: how well resolved the galaxy is (half-light radius / PSF σ);</item>
/// <item><c>Lsb = ln(SurfaceBrightness / SurfaceBrightnessReference)</c>: how bright it looks above the sky noise;</item>
/// <item>a per-galaxy random effect N(0, scatter) for what the cues do not capture;</item>
/// <item>a per-vote skill effect <c>SkillSpread · z</c>, z ~ N(0, 1): better volunteers see fainter structure.</item>
/// </list>
/// Distant galaxies are small and faint (negative Lres, Lsb), which lowers the spiral and winding logits: this is
/// Galaxy Zoo's documented bias (faint, small, distant spirals are voted elliptical more often). Defaults aim at
/// the paper's tables: amateur majority vs expert 92% (ES), 91% (ERL), merger flag G-mean 0.79.
/// </summary>
public sealed record VolunteerModel
{
    // ---- Number of votes -------------------------------------------------------------------------------------
    /// <summary>Median number of votes per galaxy (GZ1 tables: 34).</summary>
    public double VotesMedian { get; init; } = 34;
    /// <summary>Log-normal σ of the vote count below the median (the real distribution is skewed: 5% at 23).</summary>
    public double VotesSigmaBelow { get; init; } = 0.25;
    /// <summary>Log-normal σ of the vote count above the median (75% at 51, 95% at 65 in GZ1).</summary>
    public double VotesSigmaAbove { get; init; } = 0.45;
    /// <summary>Fewest votes (GZ1 tables: 10).</summary>
    public int VotesMin { get; init; } = 10;
    /// <summary>Most votes (GZ1 tables: 89).</summary>
    public int VotesMax { get; init; } = 89;

    // ---- Cue references and volunteer spread ------------------------------------------------------------------
    /// <summary>Resolution (Rₑ / PSF σ) at which Lres = 0.</summary>
    public double ResolutionReference { get; init; } = 4.0;
    /// <summary>Surface brightness (sky σ) at which Lsb = 0.</summary>
    public double SurfaceBrightnessReference { get; init; } = 11.5;
    /// <summary>Spread of volunteer skill added to every per-vote logit (σ of the skill term).</summary>
    public double SkillSpread { get; init; } = 0.8;
    /// <summary>Fraction of votes cast at random, uniformly over the six answers (careless clicks).</summary>
    public double RandomVoteRate { get; init; } = 0.02;

    // ---- Seeing spiral structure (Sa–Sd) ------------------------------------------------------------------------
    /// <summary>Spiral logit of a galaxy at the reference cues with 60% arm contrast, face-on.</summary>
    public double SpiralBias { get; init; } = 3.8;
    /// <summary>Weight of Lres in the spiral logit (small galaxies look elliptical).</summary>
    public double SpiralResolutionWeight { get; init; } = 2.5;
    /// <summary>Weight of Lsb in the spiral logit (faint galaxies look elliptical).</summary>
    public double SpiralBrightnessWeight { get; init; } = 2.0;
    /// <summary>Weight of (arm contrast − 0.6) in the spiral logit.</summary>
    public double SpiralArmWeight { get; init; } = 3.0;
    /// <summary>Weight of ln cos i in the spiral logit (inclined discs hide their arms).</summary>
    public double SpiralInclinationWeight { get; init; } = 1.5;
    /// <summary>σ of the per-galaxy random effect on the spiral logit.</summary>
    public double SpiralScatter { get; init; } = 1.5;

    // ---- Winding of a seen spiral ------------------------------------------------------------------------------
    /// <summary>
    /// Winding logit at the reference cues: P(right sense) = σ(logit + skill). A negative galaxy logit (rare: faint,
    /// patchy or tightly wound arms plus an unlucky random effect, standing for misleading features) makes most
    /// volunteers pick the wrong sense.
    /// </summary>
    public double WindingBias { get; init; } = 4.0;
    /// <summary>Weight of Lres in the winding logit.</summary>
    public double WindingResolutionWeight { get; init; } = 2.0;
    /// <summary>Weight of Lsb in the winding logit.</summary>
    public double WindingBrightnessWeight { get; init; } = 1.5;
    /// <summary>Weight of (arm contrast − 0.6) in the winding logit (faint, patchy arms confuse).</summary>
    public double WindingArmWeight { get; init; } = 3.0;
    /// <summary>Weight of |pitch − 18°| / 10° in the winding logit (negative: very tight or very loose arms confuse).</summary>
    public double WindingPitchWeight { get; init; } = -0.8;
    /// <summary>σ of the per-galaxy random effect on the winding logit.</summary>
    public double WindingScatter { get; init; } = 1.5;
    /// <summary>Share of spiral votes given as "spiral, other/unsure" (GZ1's edge-on button) even when the winding is clear.</summary>
    public double UnsureWindingBase { get; init; } = 0.03;
    /// <summary>Extra "other/unsure" share when the winding is invisible (scaled by 1 − σ(winding logit)).</summary>
    public double UnsureWindingWhenUnclear { get; init; } = 0.3;
    /// <summary>cos i below which a spiral starts to be called edge-on (logistic centre).</summary>
    public double EdgeOnCosInclination { get; init; } = 0.38;

    // ---- Early types (E, S0) ------------------------------------------------------------------------------------
    /// <summary>Spiral logit of an elliptical (mistaking it for a spiral).</summary>
    public double EllipticalSpiralBias { get; init; } = -3.5;
    /// <summary>Spiral logit of a lenticular at the reference resolution (its disc can pass for a spiral).</summary>
    public double LenticularSpiralBias { get; init; } = -3.0;
    /// <summary>Weight of Lres in the lenticular spiral logit.</summary>
    public double LenticularResolutionWeight { get; init; } = 1.0;
    /// <summary>σ of the per-galaxy random effect on the early-type spiral logit.</summary>
    public double EarlyScatter { get; init; } = 1.5;
    /// <summary>Apparent axis ratio below which an early type is increasingly voted edge-on (logistic centre).</summary>
    public double EdgeOnAxisRatio { get; init; } = 0.3;
    /// <summary>Largest share of edge-on votes for a flat early type.</summary>
    public double EdgeOnMaxShare { get; init; } = 0.75;

    // ---- Edge-on discs and irregulars ---------------------------------------------------------------------------
    /// <summary>Logit of recognising an edge-on disc (as edge-on) at the reference cues; otherwise it is voted elliptical.</summary>
    public double EdgeOnBias { get; init; } = 2.5;
    /// <summary>Weight of Lres in the edge-on logit.</summary>
    public double EdgeOnResolutionWeight { get; init; } = 1.5;
    /// <summary>σ of the per-galaxy random effect on the edge-on logit.</summary>
    public double EdgeOnScatter { get; init; } = 1.0;
    /// <summary>Spiral logit of an irregular (otherwise voted elliptical).</summary>
    public double IrregularSpiralBias { get; init; } = 0.5;
    /// <summary>Extra "don't know" share for irregulars.</summary>
    public double IrregularDontKnow { get; init; } = 0.2;
    /// <summary>Extra merger share for irregulars (clumps look like a collision).</summary>
    public double IrregularMerger { get; init; } = 0.12;

    // ---- Mergers ------------------------------------------------------------------------------------------------
    /// <summary>Merger logit of a merger at separation 2 Rₑ, equal fluxes, no tails, reference resolution.</summary>
    public double MergerBias { get; init; } = 0.3;
    /// <summary>Weight of −|ln(separation / 2 Rₑ)| (too close blends into one blob, too far looks like a chance pair).</summary>
    public double MergerSeparationWeight { get; init; } = 1.0;
    /// <summary>Weight of ln(flux ratio) (a faint companion is missed).</summary>
    public double MergerRatioWeight { get; init; } = 0.8;
    /// <summary>Weight of the tidal-tail fraction ×10 (tails are the giveaway).</summary>
    public double MergerTailWeight { get; init; } = 1.0;
    /// <summary>Weight of Lres in the merger logit.</summary>
    public double MergerResolutionWeight { get; init; } = 1.0;
    /// <summary>σ of the per-galaxy random effect on the merger logit.</summary>
    public double MergerScatter { get; init; } = 1.0;
    /// <summary>Merger share of a non-merger (false alarms).</summary>
    public double FalseMergerRate { get; init; } = 0.012;
    /// <summary>Extra merger share per unit of <see cref="VisualCues.StarConfusion"/> (a star next to the galaxy).</summary>
    public double StarMergerWeight { get; init; } = 0.5;

    // ---- Don't know -------------------------------------------------------------------------------------------------
    /// <summary>"Don't know" share of a clear galaxy.</summary>
    public double DontKnowBase { get; init; } = 0.012;
    /// <summary>Extra "don't know" share of a small, faint galaxy: × σ(−2(Lres + Lsb) − 1).</summary>
    public double DontKnowFaint { get; init; } = 0.12;

    /// <summary>Throws naming the first parameter out of range.</summary>
    public void Validate()
    {
        if (!(VotesMedian >= 1)) throw new ArgumentOutOfRangeException(nameof(VotesMedian), VotesMedian, "VotesMedian must be ≥ 1.");
        if (!(VotesSigmaBelow >= 0)) throw new ArgumentOutOfRangeException(nameof(VotesSigmaBelow), VotesSigmaBelow, "VotesSigmaBelow must be ≥ 0.");
        if (!(VotesSigmaAbove >= 0)) throw new ArgumentOutOfRangeException(nameof(VotesSigmaAbove), VotesSigmaAbove, "VotesSigmaAbove must be ≥ 0.");
        if (VotesMin < 1 || VotesMax < VotesMin)
            throw new ArgumentOutOfRangeException(nameof(VotesMax), $"Votes range [{VotesMin}, {VotesMax}] must satisfy 1 ≤ VotesMin ≤ VotesMax.");
        if (!(ResolutionReference > 0)) throw new ArgumentOutOfRangeException(nameof(ResolutionReference), ResolutionReference, "ResolutionReference must be > 0.");
        if (!(SurfaceBrightnessReference > 0))
            throw new ArgumentOutOfRangeException(nameof(SurfaceBrightnessReference), SurfaceBrightnessReference, "SurfaceBrightnessReference must be > 0.");
        foreach (var (name, value) in new[]
        {
            (nameof(RandomVoteRate), RandomVoteRate), (nameof(UnsureWindingBase), UnsureWindingBase),
            (nameof(UnsureWindingWhenUnclear), UnsureWindingWhenUnclear), (nameof(EdgeOnMaxShare), EdgeOnMaxShare),
            (nameof(IrregularDontKnow), IrregularDontKnow), (nameof(IrregularMerger), IrregularMerger),
            (nameof(FalseMergerRate), FalseMergerRate), (nameof(DontKnowBase), DontKnowBase), (nameof(DontKnowFaint), DontKnowFaint),
        })
        {
            if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be in [0, 1].");
        }
        foreach (var (name, value) in new[]
        {
            (nameof(SkillSpread), SkillSpread), (nameof(SpiralScatter), SpiralScatter), (nameof(WindingScatter), WindingScatter),
            (nameof(EarlyScatter), EarlyScatter), (nameof(EdgeOnScatter), EdgeOnScatter), (nameof(MergerScatter), MergerScatter),
            (nameof(StarMergerWeight), StarMergerWeight),
        })
        {
            if (!(value >= 0)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be ≥ 0.");
        }
    }
}
