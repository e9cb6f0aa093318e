using FerNet.Core;

namespace FerNet.Training.Tests.Export;

/// <summary>
/// Reproducible stand-ins for face crops: each 48x48 image has its own brightness, contrast,
/// gradient and noise, so that a model's outputs differ from image to image.
/// </summary>
internal static class SyntheticImages
{
    /// <summary><paramref name="count"/> images as pixel/255 values in [0, 1], image after image.</summary>
    public static float[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var pixels = new float[count * FaceInputContract.PixelCount];
        for (int image = 0; image < count; image++)
        {
            double brightness = random.NextDouble();
            double contrast = random.NextDouble();
            double gradientX = (random.NextDouble() - 0.5) / FaceInputContract.Width;
            double gradientY = (random.NextDouble() - 0.5) / FaceInputContract.Height;
            for (int y = 0; y < FaceInputContract.Height; y++)
            {
                for (int x = 0; x < FaceInputContract.Width; x++)
                {
                    double value = brightness + contrast * (random.NextDouble() - 0.5) + gradientX * x + gradientY * y;
                    pixels[image * FaceInputContract.PixelCount + y * FaceInputContract.Width + x] = (float)Math.Clamp(value, 0, 1);
                }
            }
        }

        return pixels;
    }
}
