using FerNet.Core;
using FerNet.Training.Augmentation;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

public sealed class DataPreparationTests
{
    [Fact]
    public void BalancingReachesTheTargetForEveryClassReproducibly()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 9, seed: 6).Select(Enumerable.Range(0, 63).Where(i => i % 7 != 1 || i < 14).ToArray());

        FaceDataset first = ClassBalancer.Balance(data, targetPerClass: 5, AugmentationSettings.SeedBalancing, seed: 9);
        FaceDataset second = ClassBalancer.Balance(data, targetPerClass: 5, AugmentationSettings.SeedBalancing, seed: 9);

        Assert.Equal(Enumerable.Repeat(5, EmotionLabels.Count), first.ClassCounts());
        Assert.True(first.Pixels.SequenceEqual(second.Pixels));
    }

    [Fact]
    public void OversampledClassKeepsItsOriginalsAndAddsTransformedCopies()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 2, seed: 7);

        FaceDataset balanced = ClassBalancer.Balance(data, targetPerClass: 6, AugmentationSettings.SeedBalancing, seed: 1);

        int[] angry = Enumerable.Range(0, balanced.Count).Where(i => balanced.Label(i) == Emotion.Angry).ToArray();
        int originals = angry.Count(i => Enumerable.Range(0, data.Count).Any(j => data.Image(j).SequenceEqual(balanced.Image(i))));
        Assert.Equal(6, angry.Length);
        Assert.Equal(2, originals);
    }

    [Fact]
    public void ValidationSplitIsStratifiedAndDisjoint()
    {
        FaceDataset data = SyntheticFaces.Create(perClass: 20, seed: 8);

        (int[] train, int[] validation) = StratifiedSplit.Split(data, 0.1, seed: 3);

        Assert.Empty(train.Intersect(validation));
        Assert.Equal(data.Count, train.Length + validation.Length);
        Assert.All(data.Select(validation).ClassCounts(), c => Assert.Equal(2, c));
    }
}
