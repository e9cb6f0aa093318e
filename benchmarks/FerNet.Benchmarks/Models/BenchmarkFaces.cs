using FerNet.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Benchmarks.Models;

/// <summary>Generated 48x48 gray faces as JPEG files would hold them, like FER2013's.</summary>
internal static class BenchmarkFaces
{
    public static byte[][] Jpegs(int count)
    {
        var faces = new byte[count][];
        var random = new Random(48);
        for (int n = 0; n < count; n++)
        {
            using var image = new Image<L8>(FaceInputContract.Width, FaceInputContract.Height);
            double phase = random.NextDouble() * Math.PI * 2;
            for (int y = 0; y < image.Height; y++)
            {
                for (int x = 0; x < image.Width; x++)
                {
                    double shade = 128 + (80 * Math.Sin(phase + (x / 8.0))) + (40 * Math.Cos(y / 10.0)) + random.Next(-20, 21);
                    image[x, y] = new L8((byte)Math.Clamp(shade, 0, 255));
                }
            }

            using var stream = new MemoryStream();
            image.Save(stream, new JpegEncoder { Quality = 90 });
            faces[n] = stream.ToArray();
        }

        return faces;
    }
}
