using FerNet.Core;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Testing.Images;

/// <summary>
/// Generated stand-ins for face crops: smooth shading plus noise, different for every seed, and the
/// training side's preprocessing of them (ImageSharp decode to 8-bit gray, value / 255).
/// </summary>
public static class TestFaces
{
    public static Image<L8> Gray(int seed, int width = FaceInputContract.Width, int height = FaceInputContract.Height)
    {
        var random = new Random(seed);
        double phase = random.NextDouble() * Math.PI * 2;
        var image = new Image<L8>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double shade = 128 + (80 * Math.Sin(phase + (x * 6.0 / width))) + (40 * Math.Cos(y * 5.0 / height)) + random.Next(-20, 21);
                image[x, y] = new L8((byte)Math.Clamp(shade, 0, 255));
            }
        }

        return image;
    }

    public static Image<Rgb24> Colour(int seed, int width = FaceInputContract.Width, int height = FaceInputContract.Height)
    {
        var random = new Random(seed);
        var image = new Image<Rgb24>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new Rgb24((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            }
        }

        return image;
    }

    /// <summary>The encoder for a format name: png, jpeg, bmp, gif, webp (lossless) or tiff (which FerNet refuses).</summary>
    public static IImageEncoder Encoder(string format) => format switch
    {
        "png" => new PngEncoder(),
        "jpeg" => new JpegEncoder { Quality = 90 },
        "bmp" => new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 },
        "gif" => new GifEncoder(),
        "webp" => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        "tiff" => new SixLabors.ImageSharp.Formats.Tiff.TiffEncoder(),
        _ => throw new ArgumentException($"No encoder for '{format}'.", nameof(format)),
    };

    public static byte[] Encode(Image image, string format = "png")
    {
        using var stream = new MemoryStream();
        image.Save(stream, Encoder(format));
        return stream.ToArray();
    }

    public static byte[] GrayPng(int seed) => EncodeAndDispose(Gray(seed), "png");

    public static byte[] EncodeAndDispose(Image image, string format)
    {
        using (image)
        {
            return Encode(image, format);
        }
    }

    /// <summary>The training side's preprocessing: decode to 8-bit gray with ImageSharp, then value / 255.</summary>
    public static float[] TrainingTensor(byte[] encoded)
    {
        using Image<L8> image = Image.Load<L8>(encoded);
        var pixels = new byte[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return Array.ConvertAll(pixels, value => value / 255f);
    }
}
