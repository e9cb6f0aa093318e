using FerNet.Core;

namespace FerNet.Core.Tests;

public sealed class EmotionLabelsTests
{
    [Fact]
    public void MostProbable_is_the_emotion_with_the_largest_probability()
    {
        Assert.Equal(Emotion.Sad, EmotionLabels.MostProbable([0.1f, 0.05f, 0.1f, 0.2f, 0.1f, 0.4f, 0.05f]));
        Assert.Equal(Emotion.Surprise, EmotionLabels.MostProbable([0f, 0f, 0f, 0f, 0f, 0f, 1f]));
    }

    [Fact]
    public void MostProbable_takes_the_first_in_canonical_order_on_a_tie()
    {
        Assert.Equal(Emotion.Fear, EmotionLabels.MostProbable([0.1f, 0.1f, 0.3f, 0.1f, 0.3f, 0.05f, 0.05f]));
    }

    [Fact]
    public void MostProbable_refuses_a_count_other_than_seven_and_says_how_many_it_got()
    {
        var error = Assert.Throws<ArgumentException>(() => EmotionLabels.MostProbable([0.5f, 0.5f]));

        Assert.Contains("got 2", error.Message, StringComparison.Ordinal);
    }
}
