using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Training.Tests.Reports;

/// <summary>A PNG file decoded with ImageSharp, independently of the SkiaSharp encoder that wrote it.</summary>
internal sealed class DecodedPng
{
    private const string PngFormatName = "PNG";

    private readonly Rgba32[] _pixels;

    private DecodedPng(int width, int height, Rgba32[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public int DistinctColours => _pixels.Distinct().Count();

    public Rgba32 Pixel(int x, int y) => _pixels[(y * Width) + x];

    /// <summary>Throws when <paramref name="path"/> is missing or is not a PNG image.</summary>
    public static DecodedPng Load(string path)
    {
        Assert.Equal(PngFormatName, Image.DetectFormat(path)?.Name);
        using var image = Image.Load<Rgba32>(path);
        var pixels = new Rgba32[image.Width * image.Height];
        image.CopyPixelDataTo(pixels);
        return new DecodedPng(image.Width, image.Height, pixels);
    }

    /// <summary>Pixels of exactly this opaque colour, as the inside of a filled shape is drawn.</summary>
    public int CountPixels(ScottPlot.Color colour) =>
        _pixels.Count(pixel => pixel.R == colour.R && pixel.G == colour.G && pixel.B == colour.B && pixel.A == byte.MaxValue);

    public int CountPixels(Func<Rgba32, bool> predicate) => _pixels.Count(predicate);
}
