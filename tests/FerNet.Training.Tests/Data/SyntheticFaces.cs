using FerNet.Core;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

/// <summary>Generated 48x48 images whose class is learnable: class k has a bright 12x12 square at a class-specific place.</summary>
internal static class SyntheticFaces
{
    public static FaceDataset Create(int perClass, int seed)
    {
        var random = new Random(seed);
        int count = perClass * EmotionLabels.Count;
        var pixels = new byte[count * FaceInputContract.PixelCount];
        var labels = new Emotion[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % EmotionLabels.Count;
            labels[i] = (Emotion)label;
            Span<byte> image = pixels.AsSpan(i * FaceInputContract.PixelCount, FaceInputContract.PixelCount);
            for (int p = 0; p < image.Length; p++)
            {
                image[p] = (byte)random.Next(0, 60);
            }

            int top = 4 + (label / 3) * 14;
            int left = 4 + (label % 3) * 14;
            for (int y = top; y < top + 12; y++)
            {
                for (int x = left; x < left + 12; x++)
                {
                    image[y * FaceInputContract.Width + x] = (byte)random.Next(200, 256);
                }
            }
        }

        return new FaceDataset(pixels, labels);
    }
}
