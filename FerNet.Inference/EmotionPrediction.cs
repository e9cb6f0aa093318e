using System.Collections.ObjectModel;
using System.Globalization;
using System.Text;
using FerNet.Core;

namespace FerNet.Inference;

/// <summary>
/// What a model says about one face: the most probable <see cref="Emotion"/>, its probability, and
/// the probabilities of all seven emotions in canonical order (<see cref="EmotionLabels.All"/>).
/// Immutable; two predictions are equal when all seven probabilities are.
/// </summary>
public sealed record EmotionPrediction
{
    private readonly float[] _probabilities;

    internal EmotionPrediction(float[] probabilities)
    {
        if (probabilities.Length != EmotionLabels.Count)
        {
            throw new ArgumentException($"Expected {EmotionLabels.Count} probabilities, got {probabilities.Length}.", nameof(probabilities));
        }

        _probabilities = probabilities;
        Probabilities = new ReadOnlyCollection<float>(probabilities);
        Emotion = EmotionLabels.MostProbable(probabilities);
    }

    /// <summary>The most probable emotion (the first in canonical order on a tie).</summary>
    public Emotion Emotion { get; }

    /// <summary>The probability of <see cref="Emotion"/>, in [0, 1].</summary>
    public float Probability => _probabilities[(int)Emotion];

    /// <summary>
    /// True when <see cref="Probability"/> is below <see cref="UncertaintyThreshold"/>: on faces the
    /// default model never trained on, such answers are right less often than not. Leave such faces
    /// unlabelled, or show them as uncertain, where a wrong label costs more than none.
    /// </summary>
    public bool IsUncertain => Probability < UncertaintyThreshold;

    /// <summary>
    /// The top probability below which a prediction <see cref="IsUncertain"/>: 0.5. The FerNet.Inference
    /// README gives, for this and other thresholds, the share of the default model's validation
    /// faces above it and how often those are right, with the command that measures it.
    /// </summary>
    public const float UncertaintyThreshold = 0.5f;

    /// <summary>The seven probabilities in canonical order (angry, disgust, fear, happy, neutral, sad, surprise); they sum to 1.</summary>
    public IReadOnlyList<float> Probabilities { get; }

    /// <summary>The probability of <paramref name="emotion"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of the seven emotions.</exception>
    public float ProbabilityOf(Emotion emotion)
    {
        if ((uint)emotion >= EmotionLabels.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(emotion), emotion, "Not one of the seven FER2013 emotions.");
        }

        return _probabilities[(int)emotion];
    }

    /// <inheritdoc/>
    public bool Equals(EmotionPrediction? other) =>
        other is not null && _probabilities.AsSpan().SequenceEqual(other._probabilities);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (float probability in _probabilities)
        {
            hash.Add(probability);
        }

        return hash.ToHashCode();
    }

    /// <summary>The top emotion first, then the others in canonical order: "happy 92.1 % (angry 0.3 %, disgust 0.0 %, ...)".</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Percent(Emotion)).Append(" (");
        bool first = true;
        foreach (Emotion emotion in EmotionLabels.All)
        {
            if (emotion == Emotion)
            {
                continue;
            }

            text.Append(first ? string.Empty : ", ").Append(Percent(emotion));
            first = false;
        }

        return text.Append(')').ToString();
    }

    private string Percent(Emotion emotion) =>
        string.Create(CultureInfo.InvariantCulture, $"{EmotionLabels.Name(emotion)} {_probabilities[(int)emotion] * 100:0.0} %");
}
