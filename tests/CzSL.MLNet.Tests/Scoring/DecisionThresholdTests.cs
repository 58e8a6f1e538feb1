using CzSL.MLNet.Scoring;

namespace CzSL.MLNet.Tests.Scoring;

/// <summary>A binary card's decision threshold decides the predicted class; without one, the argmax does.</summary>
[TestClass]
public sealed class DecisionThresholdTests
{
    private static readonly ImageInput Image = new("g1", "/images/g1.png");
    private static readonly string[] Classes = ["non_merger", "merger"];

    [TestMethod]
    public void ARareClassAboveTheCardsThresholdIsPredicted()
    {
        var below = GalaxyPrediction.FromProbabilities(Image, [0.75f, 0.25f], Classes, decisionThreshold: 0.282);
        var above = GalaxyPrediction.FromProbabilities(Image, [0.65f, 0.35f], Classes, decisionThreshold: 0.282);
        Assert.AreEqual("non_merger", below.PredictedClass);
        Assert.AreEqual("merger", above.PredictedClass, "0.35 ≥ 0.282: a merger, although the argmax says otherwise");
        Assert.AreEqual("non_merger", GalaxyPrediction.FromProbabilities(Image, [0.65f, 0.35f], Classes).PredictedClass, "no threshold: argmax");
        Assert.AreEqual(-1, GalaxyPrediction.FromProbabilities(Image, [float.NaN, float.NaN], Classes, 0.282).PredictedIndex, "nothing finite, nothing predicted");
    }
}
