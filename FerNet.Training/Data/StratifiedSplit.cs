using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>
/// Holds out a validation split from the training data with the same class proportions, so that
/// checkpoints and the learning-rate schedule are chosen without touching the test split.
/// </summary>
internal static class StratifiedSplit
{
    /// <summary>Splits <paramref name="data"/> into training and validation indices, reproducibly for a seed.</summary>
    /// <param name="data">The full training data.</param>
    /// <param name="validationFraction">Share of each class held out, in [0, 0.5].</param>
    /// <param name="seed">Seed for the shuffle within each class.</param>
    public static (int[] Train, int[] Validation) Split(FaceDataset data, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (validationFraction is < 0 or > 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 0.5].");
        }

        var random = new Random(seed);
        var train = new List<int>(data.Count);
        var validation = new List<int>((int)(data.Count * validationFraction) + EmotionLabels.Count);
        for (int label = 0; label < EmotionLabels.Count; label++)
        {
            int[] members = Enumerable.Range(0, data.Count).Where(i => (int)data.Label(i) == label).ToArray();
            random.Shuffle(members);
            int held = (int)Math.Round(members.Length * validationFraction);
            validation.AddRange(members.Take(held));
            train.AddRange(members.Skip(held));
        }

        train.Sort();
        validation.Sort();
        return (train.ToArray(), validation.ToArray());
    }
}
