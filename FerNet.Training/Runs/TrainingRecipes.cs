using FerNet.Training.Augmentation;
using FerNet.Training.Models;

namespace FerNet.Training.Runs;

/// <summary>The two training recipes FerNet ships, by name.</summary>
internal static class TrainingRecipes
{
    /// <summary>Recipe names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["fernet", "seed"];

    /// <summary>The options of recipe <paramref name="name"/>.</summary>
    public static TrainingOptions Create(string name) => name switch
    {
        "seed" => Seed(),
        "fernet" => FerNet(),
        _ => throw new ArgumentException($"Unknown recipe '{name}'. Known: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// The seed's recipe: offline balancing to 5,000 images per class, zoom and flip on the fly, Adam
    /// at 1e-4 with Keras time decay 1e-6, reduce-on-plateau of validation accuracy, 70 epochs. The
    /// seed used batches of 10; 32 is the default here because a 2-core CPU trains it three times
    /// faster per image, and Adam at this small rate is insensitive to the change.
    /// </summary>
    public static TrainingOptions Seed() => new()
    {
        Architecture = SeedCnn.Name,
        Recipe = "seed",
        Epochs = 70,
        BatchSize = 32,
        Optimizer = OptimizerKind.Adam,
        LearningRate = 1e-4,
        TimeDecay = 1e-6,
        Schedule = LearningRateScheduleKind.Plateau,
        BalancePerClass = 5000,
        Augmentation = AugmentationSettings.SeedOnTheFly,
    };

    /// <summary>
    /// FerNet's recipe for <see cref="FerVgg"/>: SGD with Nesterov momentum under a one-cycle schedule
    /// (warm-up, then cosine to zero), weight decay, label smoothing, mild square-root class weights
    /// for the rare 'disgust', and shifts, zoom, rotation, flips and random erasing.
    /// </summary>
    public static TrainingOptions FerNet() => new()
    {
        Architecture = FerVgg.Name,
        Recipe = "fernet",
        Epochs = 40,
        BatchSize = 64,
        Optimizer = OptimizerKind.Sgd,
        LearningRate = 0.1,
        WeightDecay = 5e-4,
        Schedule = LearningRateScheduleKind.OneCycle,
        LabelSmoothing = 0.1,
        ClassWeighting = ClassWeightingKind.SqrtInverse,
        Augmentation = AugmentationSettings.FerNet,
    };
}
