using FerNet.Core;
using FerNet.Training.Data;

namespace FerNet.Training.Runs;

/// <summary>
/// The first step of a run: FER2013's training split divided into what the model trains on
/// (balanced, when the options ask for it) and the stratified validation part that picks the best
/// checkpoint. The same options and data always give the same split.
/// </summary>
internal sealed class TrainingSplit
{
    private TrainingSplit(FaceDataset train, FaceDataset validation, ClassCounts classCounts)
    {
        Train = train;
        Validation = validation;
        ClassCounts = classCounts;
    }

    /// <summary>The images the model trains on.</summary>
    public FaceDataset Train { get; }

    /// <summary>The held-out images that choose the best checkpoint.</summary>
    public FaceDataset Validation { get; }

    /// <summary>Images per emotion of <see cref="Train"/>, before and after balancing.</summary>
    public ClassCounts ClassCounts { get; }

    /// <summary>Splits <paramref name="trainingData"/> by <paramref name="options"/> and balances the training part.</summary>
    public static TrainingSplit Create(FaceDataset trainingData, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(trainingData);
        ArgumentNullException.ThrowIfNull(options);
        (int[] trainIndices, int[] validationIndices) = StratifiedSplit.Split(trainingData, options.ValidationFraction, options.EffectiveSplitSeed);
        FaceDataset train = trainingData.Select(trainIndices);
        FaceDataset validation = trainingData.Select(validationIndices);
        int[] before = train.ClassCounts();
        if (options.BalancePerClass is int target)
        {
            train = ClassBalancer.Balance(train, target, options.BalancingTransform, options.Seed);
        }

        return new TrainingSplit(train, validation, new ClassCounts(before, train.ClassCounts()));
    }

    /// <summary>One line for the log: images per emotion after balancing, and the validation size.</summary>
    public string Describe() =>
        $"Data: {Train.Count} training images ({string.Join(", ", EmotionLabels.Names.Zip(ClassCounts.After, (name, count) => $"{name} {count}"))}), {Validation.Count} validation images.";
}
