using System.Collections.ObjectModel;

namespace FerNet.Core;

/// <summary>Names of the <see cref="Emotion"/> labels as they appear in folders, files and model metadata.</summary>
public static class EmotionLabels
{
    /// <summary>The number of emotion classes.</summary>
    public const int Count = 7;

    /// <summary>All emotions in canonical (model output) order.</summary>
    public static ReadOnlyCollection<Emotion> All { get; } = Enum.GetValues<Emotion>().AsReadOnly();

    /// <summary>Lower-case names in canonical order, as the Kaggle FER2013 class folders spell them.</summary>
    public static ReadOnlyCollection<string> Names { get; } = All.Select(Name).ToList().AsReadOnly();

    /// <summary>The lower-case name of <paramref name="emotion"/> ("angry", "disgust", ...).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of the seven emotions.</exception>
    public static string Name(Emotion emotion) => emotion switch
    {
        Emotion.Angry => "angry",
        Emotion.Disgust => "disgust",
        Emotion.Fear => "fear",
        Emotion.Happy => "happy",
        Emotion.Neutral => "neutral",
        Emotion.Sad => "sad",
        Emotion.Surprise => "surprise",
        _ => throw new ArgumentOutOfRangeException(nameof(emotion), emotion, "Not one of the seven FER2013 emotions."),
    };

    /// <summary>Parses a label name, ignoring case ("Happy", "happy").</summary>
    /// <returns>False when <paramref name="name"/> names no emotion.</returns>
    public static bool TryParse(string? name, out Emotion emotion)
    {
        for (int i = 0; i < Count; i++)
        {
            if (string.Equals(Names[i], name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                emotion = (Emotion)i;
                return true;
            }
        }

        emotion = default;
        return false;
    }

    /// <summary>
    /// The emotion with the largest of <paramref name="probabilities"/>, given in canonical order; on
    /// a tie, the first in that order.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="probabilities"/> does not hold exactly <see cref="Count"/> values.</exception>
    public static Emotion MostProbable(ReadOnlySpan<float> probabilities)
    {
        if (probabilities.Length != Count)
        {
            throw new ArgumentException($"Expected {Count} probabilities, one per emotion, got {probabilities.Length}.", nameof(probabilities));
        }

        int top = 0;
        for (int i = 1; i < Count; i++)
        {
            if (probabilities[i] > probabilities[top])
            {
                top = i;
            }
        }

        return (Emotion)top;
    }
}
