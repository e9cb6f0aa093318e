using FerNet.Core;
using FerNet.Inference;

namespace FerNet.Inference.Tests;

public sealed class EmotionPredictionTests
{
    private static readonly float[] Probabilities = [0.003f, 0.0001f, 0.012f, 0.921f, 0.04f, 0.02f, 0.0039f];

    [Fact]
    public void The_top_emotion_and_its_probability_come_first_in_the_text()
    {
        var prediction = new EmotionPrediction((float[])Probabilities.Clone());

        Assert.Equal(Emotion.Happy, prediction.Emotion);
        Assert.Equal(0.921f, prediction.Probability);
        Assert.Equal(0.04f, prediction.ProbabilityOf(Emotion.Neutral));
        Assert.Equal(
            "happy 92.1 % (angry 0.3 %, disgust 0.0 %, fear 1.2 %, neutral 4.0 %, sad 2.0 %, surprise 0.4 %)",
            prediction.ToString());
    }

    [Fact]
    public void Predictions_are_equal_when_all_probabilities_are()
    {
        var a = new EmotionPrediction((float[])Probabilities.Clone());
        var b = new EmotionPrediction((float[])Probabilities.Clone());
        float[] changed = (float[])Probabilities.Clone();
        changed[6] += 1e-4f;

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new EmotionPrediction(changed));
    }

    [Fact]
    public void Probabilities_cannot_be_changed_through_the_result()
    {
        var prediction = new EmotionPrediction((float[])Probabilities.Clone());

        Assert.Throws<NotSupportedException>(() => ((IList<float>)prediction.Probabilities)[3] = 0f);
        Assert.Throws<ArgumentOutOfRangeException>(() => prediction.ProbabilityOf((Emotion)7));
    }

    [Fact]
    public void A_tie_goes_to_the_first_emotion_in_canonical_order()
    {
        var prediction = new EmotionPrediction([0.1f, 0.3f, 0.1f, 0.3f, 0.1f, 0.05f, 0.05f]);

        Assert.Equal(Emotion.Disgust, prediction.Emotion);
    }
}
