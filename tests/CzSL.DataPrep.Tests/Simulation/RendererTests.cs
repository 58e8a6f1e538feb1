using CzSL.Data;
using CzSL.DataPrep.Simulation;

namespace CzSL.DataPrep.Tests.Simulation;

[TestClass]
public sealed class RendererTests
{
    private static GalaxyScene FaceOnSpiral(Winding winding, double x = 0, double y = 0, double positionAngle = 0, double cosInclination = 1)
    {
        var arms = new SpiralArms(2, 20, winding, 0.7, 0.8, 4, 4, BandColour.Of(0.8, 1, 1.2));
        var disc = new ExponentialDisc(2e6, 10, cosInclination, 0.15, BandColour.Of(1, 1, 1), arms, 0);
        var bulge = new SersicSpheroid(2e5, 2, 2, 0.9, BandColour.Of(1.3, 1, 0.7));
        var bar = new Bar(1e5, 3, 1, 0.4, BandColour.Of(1.2, 1, 0.8));
        var knot = new LightBlob(x + 6.3, y - 2.1, 0.7, 5e4, BandColour.Of(0.8, 1, 1.2));
        var star = new LightBlob(-20.2, 17.6, 0.3, 3e5, BandColour.Of(1.2, 1, 0.8));
        return new GalaxyScene([new GalaxyBody(x, y, positionAngle, bulge, disc, bar)], [knot], [star], 1.1);
    }

    private static byte[] MirrorRgb(byte[] rgb, int size)
    {
        var mirrored = new byte[rgb.Length];
        for (var j = 0; j < size; j++)
            for (var i = 0; i < size; i++)
                for (var c = 0; c < 3; c++)
                    mirrored[(j * size + (size - 1 - i)) * 3 + c] = rgb[(j * size + i) * 3 + c];
        return mirrored;
    }

    [TestMethod]
    public void MirroredSceneRendersAsTheMirroredImage()
    {
        var renderer = new GalaxyRenderer(64);
        var scene = FaceOnSpiral(Winding.Clockwise, x: 2.3, y: -1.4, positionAngle: 0.6, cosInclination: 0.7);
        var mirrored = scene.MirrorHorizontally();
        Assert.AreEqual(Winding.Anticlockwise, mirrored.Bodies[0].Disc!.Arms!.Winding);

        var flux = renderer.RenderFlux(scene);
        var mirroredFlux = renderer.RenderFlux(mirrored);
        var peak = flux.Max();
        for (var band = 0; band < 3; band++)
            for (var j = 0; j < 64; j++)
                for (var i = 0; i < 64; i++)
                {
                    var a = flux[band * 4096 + j * 64 + i];
                    var b = mirroredFlux[band * 4096 + j * 64 + (63 - i)];
                    Assert.IsTrue(Math.Abs(a - b) <= 1e-5 * peak, $"band {band} pixel ({i},{j}): {a} vs mirrored {b}");
                }

        var image = MirrorRgb(renderer.Render(scene, null), 64);
        var mirroredImage = renderer.Render(mirrored, null);
        var worst = image.Zip(mirroredImage, (p, q) => Math.Abs(p - q)).Max();
        Assert.IsTrue(worst <= 1, $"8-bit images differ by up to {worst} levels.");
    }

    [TestMethod]
    public void SameSceneWithOtherWindingIsNotTheSameImage()
    {
        var renderer = new GalaxyRenderer(64);
        var cw = renderer.Render(FaceOnSpiral(Winding.Clockwise), null);
        var acw = renderer.Render(FaceOnSpiral(Winding.Anticlockwise), null);
        var differing = cw.Zip(acw, (p, q) => Math.Abs(p - q) > 8 ? 1 : 0).Sum();
        Assert.IsTrue(differing > 300, $"only {differing} channel values differ by more than 8 levels");
    }

    /// <summary>
    /// The arm phase, measured with the on-screen polar angle (y up, anticlockwise positive), grows with radius for a
    /// clockwise (Z-wise) spiral and falls for an anticlockwise (S-wise) one.
    /// </summary>
    [TestMethod]
    [DataRow(Winding.Clockwise, 1)]
    [DataRow(Winding.Anticlockwise, -1)]
    public void WindingIsVisibleOnScreen(Winding winding, int expectedSign)
    {
        const int size = 128;
        var renderer = new GalaxyRenderer(size);
        var flux = renderer.RenderFlux(FaceOnSpiral(winding) with { Blobs = [], Stars = [] });
        var centre = (size - 1) / 2.0;
        double? previous = null;
        for (var radius = 8.0; radius <= 28; radius *= 1.25)
        {
            double re = 0, im = 0;
            for (var j = 0; j < size; j++)
                for (var i = 0; i < size; i++)
                {
                    var x = i - centre;
                    var yUp = centre - j;
                    var r = Math.Sqrt(x * x + yUp * yUp);
                    if (Math.Abs(r - radius) > 1) continue;
                    var angle = Math.Atan2(yUp, x);
                    var light = flux[j * size + i] + flux[size * size + j * size + i] + flux[2 * size * size + j * size + i];
                    re += light * Math.Cos(2 * angle);
                    im -= light * Math.Sin(2 * angle);
                }
            var phase = -Math.Atan2(im, re) / 2; // arm angle, modulo π
            if (previous is { } p)
            {
                var step = Math.IEEERemainder(phase - p, Math.PI);
                Assert.AreEqual(expectedSign, Math.Sign(step), $"arm phase step {step:F3} rad between radius {radius / 1.25:F1} and {radius:F1}");
                Assert.IsTrue(Math.Abs(step) > 0.3, $"arm phase step {step:F3} rad is too small to be the winding");
            }
            previous = phase;
        }
    }

    [TestMethod]
    public void NoisyImagesAreReproducibleAndNoiseDiffersBetweenStreams()
    {
        var renderer = new GalaxyRenderer(64);
        var scene = FaceOnSpiral(Winding.Clockwise);
        var a = renderer.Render(scene, SeededRandom.Derive(5, 1));
        var b = renderer.Render(scene, SeededRandom.Derive(5, 1));
        var c = renderer.Render(scene, SeededRandom.Derive(5, 2));
        CollectionAssert.AreEqual(a, b);
        CollectionAssert.AreNotEqual(a, c);
    }

    [TestMethod]
    public void PngIsAnOpaqueRgbImageOfTheGivenPixels()
    {
        var renderer = new GalaxyRenderer(64);
        var rgb = renderer.Render(FaceOnSpiral(Winding.Clockwise), SeededRandom.Derive(1, 1));
        var png = PngEncoder.Encode(rgb, 64, 64);
        CollectionAssert.AreEqual(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png.Take(4).ToArray());
        Assert.AreEqual(8, png[24], "bit depth");
        Assert.AreEqual(2, png[25], "PNG colour type 2 (RGB, no alpha)");
        using var decoded = SkiaSharp.SKBitmap.Decode(png);
        Assert.AreEqual((64, 64), (decoded.Width, decoded.Height));
        for (var k = 0; k < 64 * 64; k += 97)
        {
            var p = decoded.GetPixel(k % 64, k / 64);
            Assert.AreEqual((rgb[3 * k], rgb[3 * k + 1], rgb[3 * k + 2]), (p.Red, p.Green, p.Blue), $"pixel {k}");
        }
    }

    [TestMethod]
    public void RejectsWrongBufferSize()
    {
        var renderer = new GalaxyRenderer(32);
        var scene = FaceOnSpiral(Winding.Clockwise);
        Assert.ThrowsExactly<ArgumentException>(() => renderer.Render(scene, null, new byte[100]));
        Assert.ThrowsExactly<ArgumentException>(() => PngEncoder.Encode(new byte[10], 4, 4));
    }
}
