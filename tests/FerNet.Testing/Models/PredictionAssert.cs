using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Testing.Models;

public static class PredictionAssert
{
    /// <summary>ONNX Runtime's float arithmetic against the C# double reference.</summary>
    public const float Tolerance = 1e-5f;

    public static void Matches(float[] expected, EmotionPrediction actual, string what = "prediction")
    {
        Assert.Equal(EmotionLabels.Count, actual.Probabilities.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual.Probabilities[i]) <= Tolerance,
                $"{what}: P({EmotionLabels.Names[i]}) is {actual.Probabilities[i]}, expected {expected[i]}.");
        }

        int top = Array.IndexOf(expected, expected.Max());
        Assert.Equal((Emotion)top, actual.Emotion);
        Assert.Equal(expected[top], actual.Probability, Tolerance);
    }
}
