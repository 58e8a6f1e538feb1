using CzSL.DataPrep.Crossmatch;

namespace CzSL.DataPrep.Tests.Crossmatch;

[TestClass]
public sealed class SkyAngleTests
{
    [TestMethod]
    [DataRow("00:00:00.41", 0.41 * 15 / 3600)]
    [DataRow("12:30:00", 187.5)]
    [DataRow("23 59 59.99", 359.999958333333)]
    [DataRow("150.25", 150.25)]
    [DataRow("360", 0.0)]
    public void Right_ascension(string text, double degrees) =>
        Assert.AreEqual(degrees, SkyAngle.ParseRightAscension(text), 1e-9);

    [TestMethod]
    [DataRow("-10:22:25.7", -10.373805555555556)]
    [DataRow("+01:30:00", 1.5)]
    [DataRow("-00:30:00", -0.5)]
    [DataRow("-00 00 36", -0.01)]
    [DataRow("89:59:59.9", 89.99997222222222)]
    [DataRow("-01:50:60.0", -1.85)]
    [DataRow("-2.5", -2.5)]
    public void Declination(string text, double degrees) =>
        Assert.AreEqual(degrees, SkyAngle.ParseDeclination(text), 1e-12);

    [TestMethod]
    [DataRow("24:00:00")]
    [DataRow("-01:00:00")]
    [DataRow("12:60:00")]
    [DataRow("12:00")]
    [DataRow("361")]
    [DataRow("ten")]
    public void Bad_right_ascensions_are_refused(string text) =>
        Assert.ThrowsExactly<FormatException>(() => SkyAngle.ParseRightAscension(text));

    [TestMethod]
    [DataRow("+90:00:01")]
    [DataRow("-91")]
    [DataRow("10:00:60.1")]
    [DataRow("10:60:00")]
    [DataRow("1:-2:3")]
    public void Bad_declinations_are_refused(string text) =>
        Assert.ThrowsExactly<FormatException>(() => SkyAngle.ParseDeclination(text));
}
