using FerNet.Core;

namespace FerNet.Training.Export;

/// <summary>A model's outputs for a run of images: seven probabilities and seven logits per image, image after image.</summary>
internal sealed class ClassScores
{
    /// <summary>Wraps <paramref name="probabilities"/> and <paramref name="logits"/>, each <see cref="EmotionLabels.Count"/> values per image.</summary>
    /// <exception cref="ArgumentException">The arrays differ in length or do not hold whole images.</exception>
    public ClassScores(float[] probabilities, float[] logits)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(logits);
        if (probabilities.Length != logits.Length || probabilities.Length % EmotionLabels.Count != 0)
        {
            throw new ArgumentException(
                $"Expected the same whole number of {EmotionLabels.Count}-value rows of probabilities and logits, got {probabilities.Length} and {logits.Length} values.",
                nameof(logits));
        }

        Probabilities = probabilities;
        Logits = logits;
    }

    /// <summary>The number of images.</summary>
    public int Count => Probabilities.Count / EmotionLabels.Count;

    /// <summary>Probabilities, [Count, 7] row-major.</summary>
    public IReadOnlyList<float> Probabilities { get; }

    /// <summary>Logits, [Count, 7] row-major.</summary>
    public IReadOnlyList<float> Logits { get; }

    /// <summary>The index of the most probable class of image <paramref name="image"/> (the first on ties).</summary>
    public int PredictedClass(int image)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(image);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(image, Count);
        int best = 0;
        int row = image * EmotionLabels.Count;
        for (int c = 1; c < EmotionLabels.Count; c++)
        {
            if (Probabilities[row + c] > Probabilities[row + best])
            {
                best = c;
            }
        }

        return best;
    }
}
