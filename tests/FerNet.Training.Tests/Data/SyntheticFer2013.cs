using System.Globalization;
using FerNet.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Training.Tests.Data;

/// <summary>Writes small generated FER2013 datasets, as Kaggle folders or as a challenge CSV.</summary>
internal static class SyntheticFer2013
{
    internal const string CsvHeader = "emotion,pixels,Usage";

    /// <summary>A 48x48 pattern that differs for every seed.</summary>
    internal static byte[] Face(int seed)
    {
        var pixels = new byte[FaceInputContract.PixelCount];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)((i * ((2 * seed) + 1)) + (37 * seed));
        }

        return pixels;
    }

    /// <summary>A smooth 48x48 gradient, which survives JPEG compression almost unchanged.</summary>
    internal static byte[] SmoothFace(int seed)
    {
        var pixels = new byte[FaceInputContract.PixelCount];
        for (int y = 0; y < FaceInputContract.Height; y++)
        {
            for (int x = 0; x < FaceInputContract.Width; x++)
            {
                pixels[(y * FaceInputContract.Width) + x] = (byte)(40 + (2 * x) + (2 * y) + seed);
            }
        }

        return pixels;
    }

    /// <summary>
    /// Writes 48x48 grayscale <paramref name="pixels"/> to <paramref name="path"/>, as JPEG or PNG by
    /// its extension. PNGs are stored uncompressed, so every one has the same size whatever its pixels.
    /// </summary>
    internal static void WriteImage(string path, byte[] pixels)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var image = Image.LoadPixelData<L8>(pixels, FaceInputContract.Width, FaceInputContract.Height);
        if (Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
        {
            image.SaveAsPng(path, new PngEncoder { CompressionLevel = PngCompressionLevel.NoCompression });
        }
        else
        {
            image.Save(path);
        }
    }

    /// <summary>
    /// Writes <paramref name="perClass"/> lossless PNG images of every class under
    /// <c>root/splitFolder/class/</c>, with patterns starting at <paramref name="firstSeed"/>.
    /// </summary>
    internal static List<SyntheticImage> WriteFolderSplit(string root, string splitFolder, int perClass, int firstSeed = 0)
    {
        var images = new List<SyntheticImage>();
        int seed = firstSeed;
        foreach (Emotion emotion in EmotionLabels.All)
        {
            for (int i = 0; i < perClass; i++)
            {
                string path = Path.Combine(root, splitFolder, EmotionLabels.Name(emotion), $"face_{seed:D4}.png");
                byte[] pixels = Face(seed++);
                WriteImage(path, pixels);
                images.Add(new SyntheticImage(path, emotion, pixels));
            }
        }

        return images;
    }

    /// <summary>The challenge file's code for <paramref name="emotion"/> (0 Angry ... 4 Sad, 5 Surprise, 6 Neutral).</summary>
    internal static int CsvCode(Emotion emotion) => emotion switch
    {
        Emotion.Sad => 4,
        Emotion.Surprise => 5,
        Emotion.Neutral => 6,
        _ => (int)emotion,
    };

    /// <summary>One CSV data row.</summary>
    internal static string CsvRow(int code, IEnumerable<byte> pixels, string usage) =>
        $"{code.ToString(CultureInfo.InvariantCulture)},{string.Join(' ', pixels)},{usage}";

    /// <summary>Writes a challenge CSV with the header and <paramref name="rows"/>.</summary>
    internal static void WriteCsv(string path, IEnumerable<string> rows) =>
        File.WriteAllLines(path, [CsvHeader, .. rows]);
}
