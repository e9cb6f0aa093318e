using FerNet.Core;
using FerNet.Training.Augmentation;
using static TorchSharp.torch;

namespace FerNet.Training.Data;

/// <summary>
/// The seed's offline balancing, done in memory: each class with fewer images than the target keeps
/// all of its originals and gains transformed copies (random flip and rotation) of randomly picked
/// originals; each class with more is undersampled to the target without replacement.
/// </summary>
internal static class ClassBalancer
{
    private const int TransformBatch = 512;

    /// <summary>Returns a new dataset with <paramref name="targetPerClass"/> images of every emotion.</summary>
    /// <exception cref="ArgumentException">A class has no image to oversample from.</exception>
    public static FaceDataset Balance(FaceDataset data, int targetPerClass, AugmentationSettings transform, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetPerClass, 1);
        var random = new Random(seed);
        using var generator = new Generator((ulong)seed, CPU);
        var pixels = new byte[targetPerClass * EmotionLabels.Count * FaceInputContract.PixelCount];
        var labels = new Emotion[targetPerClass * EmotionLabels.Count];
        int written = 0;

        for (int label = 0; label < EmotionLabels.Count; label++)
        {
            int[] members = Enumerable.Range(0, data.Count).Where(i => (int)data.Label(i) == label).ToArray();
            if (members.Length == 0)
            {
                throw new ArgumentException($"Cannot balance: class '{EmotionLabels.Names[label]}' has no images.", nameof(data));
            }

            random.Shuffle(members);
            int kept = Math.Min(members.Length, targetPerClass);
            foreach (int index in members.AsSpan(0, kept))
            {
                data.Image(index).CopyTo(pixels.AsSpan(written * FaceInputContract.PixelCount));
                labels[written++] = (Emotion)label;
            }

            int[] sources = Enumerable.Range(0, targetPerClass - kept).Select(_ => members[random.Next(members.Length)]).ToArray();
            for (int start = 0; start < sources.Length; start += TransformBatch)
            {
                int count = Math.Min(TransformBatch, sources.Length - start);
                byte[] transformed = TransformImages(data, sources.AsSpan(start, count), transform, generator);
                transformed.CopyTo(pixels.AsSpan(written * FaceInputContract.PixelCount));
                labels.AsSpan(written, count).Fill((Emotion)label);
                written += count;
            }
        }

        return new FaceDataset(pixels, labels);
    }

    private static byte[] TransformImages(FaceDataset data, ReadOnlySpan<int> indices, AugmentationSettings transform, Generator generator)
    {
        using var scope = NewDisposeScope();
        Tensor batch = BatchTensors.Pixels(data, indices);
        Tensor augmented = BatchAugmenter.Apply(batch, transform, generator);
        Tensor bytes = augmented.mul(255f).round().clamp(0, 255).to(ScalarType.Byte).contiguous();
        return bytes.data<byte>().ToArray();
    }
}
