using CzSL.Data;
using CzSL.Data.Manifest;

namespace CzSL.DataPrep.Simulation;

/// <summary>
/// Casts Galaxy Zoo 1 votes (elliptical, clockwise, anticlockwise, edge-on/other spiral, don't know, merger) for a
/// simulated galaxy, following <see cref="VolunteerModel"/>.
/// </summary>
/// <remarks>
/// Per galaxy: a vote count from a split log-normal, then the galaxy's logits (spiral, winding, merger, …) from its
/// cues plus one random effect each. Per vote: with <see cref="VolunteerModel.RandomVoteRate"/> a random answer;
/// otherwise the volunteer's skill z ~ N(0, 1) is drawn, then merger, don't-know and the morphology answers are
/// decided in that order, each by a logistic of the galaxy logit plus <see cref="VolunteerModel.SkillSpread"/>·z.
/// </remarks>
public sealed class VolunteerSimulator
{
    private const int El = 0, Cw = 1, Acw = 2, Edge = 3, Dk = 4, Mg = 5;
    private readonly VolunteerModel _m;

    /// <summary>Volunteers that follow <paramref name="model"/> (validated).</summary>
    public VolunteerSimulator(VolunteerModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.Validate();
        _m = model;
    }

    /// <summary>The votes for one galaxy, drawn from <paramref name="rng"/>.</summary>
    public VoteCounts Vote(GalaxyType type, Winding winding, VisualCues cues, SeededRandom rng)
    {
        ArgumentNullException.ThrowIfNull(cues);
        ArgumentNullException.ThrowIfNull(rng);
        if (GalaxyTypes.IsWoundSpiral(type) && winding == Winding.None)
            throw new ArgumentException($"A {GalaxyTypes.Name(type)} spiral needs a winding.", nameof(winding));
        var n = VoteCount(rng);
        var g = new GalaxyLook(_m, type, winding, cues, rng);
        Span<int> counts = stackalloc int[6];
        for (var v = 0; v < n; v++)
        {
            if (rng.NextDouble() < _m.RandomVoteRate)
            {
                counts[rng.NextInt(6)]++;
                continue;
            }
            var z = _m.SkillSpread * rng.NextNormal();
            counts[g.Answer(z, rng)]++;
        }
        return new VoteCounts(counts[El], counts[Cw], counts[Acw], counts[Edge], counts[Dk], counts[Mg]);
    }

    /// <summary>A vote count: median × exp(σ·N(0,1)) with σ below/above the median, rounded and clipped.</summary>
    public int VoteCount(SeededRandom rng)
    {
        var z = rng.NextNormal();
        var n = _m.VotesMedian * Math.Exp(z * (z < 0 ? _m.VotesSigmaBelow : _m.VotesSigmaAbove));
        return Math.Clamp((int)Math.Round(n), _m.VotesMin, _m.VotesMax);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));

    /// <summary>One galaxy as the volunteers see it: its logits and fixed answer shares.</summary>
    private readonly struct GalaxyLook
    {
        private readonly GalaxyType _type;
        private readonly int _right, _wrong;
        private readonly double _spiral, _winding, _merger, _edgeShare, _unsure, _pMerger, _pDontKnow, _primaryIsDisc;

        public GalaxyLook(VolunteerModel m, GalaxyType type, Winding winding, VisualCues c, SeededRandom rng)
        {
            _type = type;
            (_right, _wrong) = winding == Winding.Anticlockwise ? (Acw, Cw) : (Cw, Acw);
            var lres = Math.Log(Math.Max(c.Resolution, 1e-3) / m.ResolutionReference);
            var lsb = Math.Log(Math.Max(c.SurfaceBrightness, 1e-3) / m.SurfaceBrightnessReference);
            _pDontKnow = m.DontKnowBase + m.DontKnowFaint * Logistic(-2 * (lres + lsb) - 1);
            _pMerger = Math.Min(m.FalseMergerRate + m.StarMergerWeight * c.StarConfusion, 1);
            _spiral = _winding = _merger = _edgeShare = _unsure = _primaryIsDisc = 0;
            switch (type)
            {
                case GalaxyType.Elliptical or GalaxyType.Lenticular:
                    _spiral = (type == GalaxyType.Elliptical ? m.EllipticalSpiralBias : m.LenticularSpiralBias + m.LenticularResolutionWeight * lres)
                        + m.EarlyScatter * rng.NextNormal();
                    _edgeShare = m.EdgeOnMaxShare * Logistic((m.EdgeOnAxisRatio - c.AxisRatio) / 0.06);
                    break;
                case GalaxyType.Sa or GalaxyType.Sb or GalaxyType.Sc or GalaxyType.Sd:
                    _spiral = m.SpiralBias + m.SpiralResolutionWeight * lres + m.SpiralBrightnessWeight * lsb
                        + m.SpiralArmWeight * (c.ArmContrast - 0.6) + m.SpiralInclinationWeight * Math.Log(c.CosInclination)
                        + m.SpiralScatter * rng.NextNormal();
                    _winding = m.WindingBias + m.WindingResolutionWeight * lres + m.WindingBrightnessWeight * lsb
                        + m.WindingArmWeight * (c.ArmContrast - 0.6) + m.WindingPitchWeight * Math.Abs(c.PitchDegrees - 18) / 10
                        + m.WindingScatter * rng.NextNormal();
                    _edgeShare = Logistic((m.EdgeOnCosInclination - c.CosInclination) / 0.07);
                    _unsure = m.UnsureWindingBase + m.UnsureWindingWhenUnclear * (1 - Logistic(_winding));
                    break;
                case GalaxyType.EdgeOn:
                    _spiral = m.EdgeOnBias + m.EdgeOnResolutionWeight * lres + m.EdgeOnScatter * rng.NextNormal();
                    break;
                case GalaxyType.Irregular:
                    _spiral = m.IrregularSpiralBias + m.EarlyScatter * rng.NextNormal();
                    _pDontKnow += m.IrregularDontKnow;
                    _pMerger += m.IrregularMerger;
                    break;
                case GalaxyType.Merger:
                    _merger = m.MergerBias - m.MergerSeparationWeight * Math.Abs(Math.Log(Math.Max(c.CompanionSeparation, 1e-3) / 2))
                        + m.MergerRatioWeight * Math.Log(Math.Max(c.CompanionFluxRatio, 1e-3)) + m.MergerTailWeight * 10 * c.TidalFraction
                        + m.MergerResolutionWeight * lres + m.MergerScatter * rng.NextNormal();
                    _primaryIsDisc = c.BulgeFraction < 1 ? 0.6 : 0.15;
                    break;
            }
        }

        /// <summary>One volunteer's answer; <paramref name="z"/> is the volunteer's scaled skill.</summary>
        public int Answer(double z, SeededRandom rng)
        {
            var u = rng.NextDouble();
            if (_type == GalaxyType.Merger)
            {
                if (u < Logistic(_merger + z)) return Mg;
                if (rng.NextDouble() < _pDontKnow) return Dk;
                return rng.NextDouble() < _primaryIsDisc ? AnySpiral(rng) : El;
            }
            if (u < _pMerger) return Mg;
            if (u < _pMerger + _pDontKnow) return Dk;
            var s = Logistic(_spiral + z);
            switch (_type)
            {
                case GalaxyType.Elliptical or GalaxyType.Lenticular:
                    if (rng.NextDouble() < _edgeShare) return Edge;
                    return rng.NextDouble() < s ? AnySpiral(rng) : El;
                case GalaxyType.EdgeOn:
                    if (rng.NextDouble() < s) return Edge;
                    return rng.NextDouble() < 0.85 ? El : rng.NextDouble() < 0.5 ? Cw : Acw;
                case GalaxyType.Irregular:
                    return rng.NextDouble() < s ? AnySpiral(rng) : El;
                default:
                    if (rng.NextDouble() >= s) return El;
                    if (rng.NextDouble() < _edgeShare || rng.NextDouble() < _unsure) return Edge;
                    return rng.NextDouble() < Logistic(_winding + z) ? _right : _wrong;
            }
        }

        private static int AnySpiral(SeededRandom rng) => rng.NextInt(3) switch { 0 => Cw, 1 => Acw, _ => Edge };
    }
}
