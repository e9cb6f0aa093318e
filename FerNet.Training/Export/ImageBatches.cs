using FerNet.Core;

namespace FerNet.Training.Export;

/// <summary>Checks a flat buffer of pixel/255 values that is about to be scored in batches.</summary>
internal static class ImageBatches
{
    /// <summary>The number of 48x48 images in <paramref name="pixels"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="pixels"/> does not hold a whole number of images.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is not positive.</exception>
    public static int Count(ReadOnlySpan<float> pixels, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        if (pixels.Length % FaceInputContract.PixelCount != 0)
        {
            throw new ArgumentException($"{pixels.Length} pixel values are not a whole number of {FaceInputContract.PixelCount}-pixel images.", nameof(pixels));
        }

        return pixels.Length / FaceInputContract.PixelCount;
    }
}
