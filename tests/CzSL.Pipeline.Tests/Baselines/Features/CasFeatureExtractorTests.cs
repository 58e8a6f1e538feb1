using CzSL.Pipeline.Baselines.Features;

namespace CzSL.Pipeline.Tests.Baselines.Features;

[TestClass]
public sealed class CasFeatureExtractorTests
{
    private const int Size = 64;
    private const double Centre = 31.5;

    private static MorphologyFeatures Measure(byte[] rgb, int size = Size) => CasFeatureExtractor.Compute(rgb, size, size);

    [TestMethod]
    public void SymmetricBlobHasNoAsymmetry()
    {
        var blob = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(200, 5, 1), Centre, Centre));
        Assert.AreEqual(0, blob.Asymmetry, 1e-9);
    }

    [TestMethod]
    public void OffCentreClumpRaisesAsymmetry()
    {
        var disc = SyntheticGalaxy.Sersic(150, 5, 1);
        var clump = SyntheticGalaxy.Gaussian2D(120, 2, 2);
        var image = SyntheticGalaxy.Render(Size, (dx, dy) => disc(dx, dy) + clump(dx - 6, dy - 3), Centre, Centre);
        Assert.IsGreaterThan(0.15, Measure(image).Asymmetry);
    }

    [TestMethod]
    public void AsymmetryOfANoisySymmetricBlobIsCorrectedForNoise()
    {
        var noisy = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(200, 6, 1), Centre, Centre, noise: 3, seed: 7));
        Assert.AreEqual(0, noisy.Asymmetry, 0.05);
    }

    [TestMethod]
    public void ConcentratedProfileHasHigherConcentrationThanExponentialDisc()
    {
        var exponential = Measure(SyntheticGalaxy.Render(96, SyntheticGalaxy.Sersic(250, 5, 1), 47.5, 47.5), 96);
        // A bright compact bulge in a faint disc (8-bit cutouts cannot hold an n = 4 profile's wings).
        var bulge = SyntheticGalaxy.Sersic(250, 1.5, 1);
        var disc = SyntheticGalaxy.Sersic(30, 6, 1);
        var concentrated = Measure(SyntheticGalaxy.Render(96, (dx, dy) => bulge(dx, dy) + disc(dx, dy), 47.5, 47.5), 96);
        // An infinite exponential disc has r80/r20 = 2.994/0.824: C = 2.80.
        Assert.AreEqual(2.80, exponential.Concentration, 0.25);
        Assert.IsGreaterThan(exponential.Concentration + 0.8, concentrated.Concentration);
        Assert.IsLessThan(exponential.M20 - 0.2, concentrated.M20);
        Assert.IsGreaterThan(exponential.Gini, concentrated.Gini);
    }

    [TestMethod]
    public void MirrorImageFlipsTheSpiralWinding()
    {
        var image = SyntheticGalaxy.Render(Size, SyntheticGalaxy.Spiral(200, 8, 5), Centre, Centre);
        var spiral = Measure(image);
        var mirrored = Measure(SyntheticGalaxy.Mirror(image, Size));
        Assert.IsGreaterThan(0.05, spiral.SpiralWinding, "p > 0 arms turn clockwise outwards: positive winding");
        Assert.AreEqual(-spiral.SpiralWinding, mirrored.SpiralWinding, 1e-6 * Math.Abs(spiral.SpiralWinding));
        Assert.AreEqual(spiral.SpiralStrength, mirrored.SpiralStrength, 1e-6 * spiral.SpiralStrength);
    }

    [TestMethod]
    public void SmoothRoundGalaxyHasLittleSpiralSignal()
    {
        var spiral = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Spiral(200, 8, 5), Centre, Centre));
        var smooth = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(200, 8, 1), Centre, Centre));
        Assert.IsLessThan(0.1 * spiral.SpiralStrength, smooth.SpiralStrength);
        Assert.IsLessThan(0.1 * Math.Abs(spiral.SpiralWinding), Math.Abs(smooth.SpiralWinding));
    }

    [TestMethod]
    public void AxisRatioFollowsTheSecondMoments()
    {
        var round = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Gaussian2D(200, 6, 6), Centre, Centre));
        var elongated = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Gaussian2D(200, 8, 4), Centre, Centre));
        Assert.AreEqual(1, round.AxisRatio, 0.02);
        Assert.AreEqual(0.5, elongated.AxisRatio, 0.08);
        Assert.AreEqual(1 - elongated.AxisRatio, elongated.Ellipticity, 1e-12);
    }

    [TestMethod]
    public void ColoursFollowTheChannelFluxes()
    {
        // Blue channel (SDSS g) at 1/1.5 of green (r): g − r = 2.5 log10(1.5) = 0.440.
        var red = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(150, 5, 1), Centre, Centre, gains: (1.2, 1, 1 / 1.5)));
        Assert.AreEqual(0.440, red.GMinusR, 0.03);
        Assert.AreEqual(2.5 * Math.Log10(1.2), red.RMinusI, 0.03);

        var core = SyntheticGalaxy.Sersic(200, 3, 1);
        var disc = SyntheticGalaxy.Sersic(25, 9, 1);
        var rgb = new byte[Size * Size * 3];
        for (var y = 0; y < Size; y++)
        for (var x = 0; x < Size; x++)
        {
            double dx = x - Centre, dy = Centre - y, c = core(dx, dy), d = disc(dx, dy);
            var i = 3 * (y * Size + x);
            rgb[i] = (byte)Math.Round(10 + c + 0.6 * d);
            rgb[i + 1] = (byte)Math.Round(10 + 0.8 * c + 0.8 * d);
            rgb[i + 2] = (byte)Math.Round(10 + 0.5 * c + d);
        }
        var redCoreBlueDisc = Measure(rgb);
        Assert.IsGreaterThan(redCoreBlueDisc.GMinusROuter + 0.1, redCoreBlueDisc.GMinusRInner);
    }

    [TestMethod]
    public void SmoothnessSeparatesSmoothFromClumpyLight()
    {
        var smooth = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(150, 7, 1), Centre, Centre));
        var disc = SyntheticGalaxy.Sersic(150, 7, 1);
        (double X, double Y)[] knots = [(8, 3), (-6, 7), (-9, -5), (4, -10), (12, -4), (-3, -12)];
        var clumpy = Measure(SyntheticGalaxy.Render(Size, (dx, dy) =>
            disc(dx, dy) + knots.Sum(k => 60 * Math.Exp(-((dx - k.X) * (dx - k.X) + (dy - k.Y) * (dy - k.Y)) / 2)), Centre, Centre));
        Assert.AreEqual(0, smooth.Smoothness, 0.1);
        Assert.IsGreaterThan(smooth.Smoothness + 0.3, clumpy.Smoothness);
    }

    [TestMethod]
    public void UniformDiscHasGiniNearZero()
    {
        var flat = Measure(SyntheticGalaxy.Render(Size, (dx, dy) => dx * dx + dy * dy <= 100 ? 150 : 0, Centre, Centre));
        Assert.AreEqual(0, flat.Gini, 0.05);
    }

    [TestMethod]
    public void BlankImageGivesNeutralFeatures()
    {
        var blank = Measure(SyntheticGalaxy.Render(Size, (_, _) => 0, Centre, Centre));
        Assert.AreEqual(0, blank.Concentration);
        Assert.AreEqual(1, blank.AxisRatio);
        Assert.IsTrue(blank.ToVector().All(float.IsFinite));
    }

    [TestMethod]
    public void VectorMatchesNames()
    {
        var features = Measure(SyntheticGalaxy.Render(Size, SyntheticGalaxy.Sersic(200, 5, 1), Centre, Centre));
        var vector = features.ToVector();
        Assert.HasCount(MorphologyFeatures.Count, vector);
        Assert.HasCount(MorphologyFeatures.Count, MorphologyFeatures.Names);
        Assert.AreEqual((float)features.Concentration, vector[MorphologyFeatures.Names.ToList().IndexOf("concentration")]);
        Assert.AreEqual((float)features.SpiralWinding, vector[MorphologyFeatures.Names.ToList().IndexOf("spiral_winding")]);
    }

    [TestMethod]
    public void WrongBufferLengthIsRejected()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => CasFeatureExtractor.Compute(new byte[10], Size, Size));
        StringAssert.Contains(e.Message, "12288");
    }
}
