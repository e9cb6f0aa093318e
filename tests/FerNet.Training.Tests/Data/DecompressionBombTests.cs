using FerNet.Inference;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Training.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Training.Tests.Data;

/// <summary>
/// A PNG of a few dozen bytes whose header claims more pixels than <see cref="ImageLimits.MaxPixels"/>:
/// the dataset reader refuses it from the header, naming the file, instead of decoding gigabytes of
/// pixels (or, as ImageSharp does with the image data of one pixel, decoding it into a face).
/// </summary>
public sealed class DecompressionBombTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData(6_000u, 6_000u)]
    [InlineData(65_535u, 65_535u)]
    public void AnImageClaimingTooManyPixelsIsRefusedFromItsHeader(uint width, uint height)
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        string bomb = _root.Combine("train", "fear", "bomb.png");
        File.WriteAllBytes(bomb, Bomb(width, height));

        var error = Assert.Throws<DatasetFormatException>(() => Fer2013.Load(_root.Path, Fer2013Split.Train, new Fer2013LoadOptions { CacheDirectory = null }));

        Assert.Contains(bomb, error.Message, StringComparison.Ordinal);
        Assert.Contains($"{width}x{height}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A grayscale PNG claiming <paramref name="width"/> x <paramref name="height"/>: a crafted header
    /// followed by the image data and end chunk of a real 1x1 PNG, each chunk with its correct CRC.
    /// </summary>
    private static byte[] Bomb(uint width, uint height)
    {
        using var pixel = new Image<L8>(1, 1);
        using var encoded = new MemoryStream();
        pixel.SaveAsPng(encoded, new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 });
        byte[] header = CraftedImages.PngHeader(width, height);
        // Signature and IHDR have the same length in both files, so the real file's chunks start there.
        return [.. header, .. encoded.ToArray().AsSpan(header.Length)];
    }
}
