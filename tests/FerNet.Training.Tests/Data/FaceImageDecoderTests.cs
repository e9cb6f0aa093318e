using FerNet.Core;
using FerNet.Testing.Files;
using FerNet.Training.Data;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace FerNet.Training.Tests.Data;

/// <summary>
/// How a face image of another size becomes 48x48: its centre square scaled, as inference does,
/// never stretched. Each image has distinct content outside its centre square, which must not reach
/// the decoded face.
/// </summary>
public sealed class FaceImageDecoderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void WideImage_DecodesToItsCentreSquare()
    {
        // 96x48: black on the left 24 columns, white on the right 24, a row gradient in the centre.
        string path = Write(96, 48, (x, y) => x < 24 ? (byte)0 : x >= 72 ? (byte)255 : Centre(x - 24, y));

        byte[] face = Decode(path);

        AssertIsCentrePattern(face);
    }

    [Fact]
    public void TallImage_DecodesToItsCentreSquare()
    {
        // 48x96: black on the top 24 rows, white on the bottom 24, the pattern in between.
        string path = Write(48, 96, (x, y) => y < 24 ? (byte)0 : y >= 72 ? (byte)255 : Centre(x, y - 24));

        byte[] face = Decode(path);

        AssertIsCentrePattern(face);
    }

    [Fact]
    public void LargerWideImage_ScalesItsCentreSquareDownTo48x48()
    {
        // 144x96: the centre square is columns 24 to 119, uniform grey; the strips beside it are black and white.
        string path = Write(144, 96, (x, _) => x < 24 ? (byte)0 : x >= 120 ? (byte)255 : (byte)128);

        byte[] face = Decode(path);

        Assert.All(face, pixel => Assert.Equal(128, pixel));
    }

    [Fact]
    public void FaceOf48x48_IsCopiedPixelForPixel()
    {
        string path = Write(48, 48, Centre);

        byte[] face = Decode(path);

        AssertIsCentrePattern(face);
    }

    private static byte Centre(int x, int y) => (byte)(40 + (3 * y) + (x % 2));

    private static void AssertIsCentrePattern(byte[] face)
    {
        for (int y = 0; y < FaceInputContract.Height; y++)
        {
            for (int x = 0; x < FaceInputContract.Width; x++)
            {
                Assert.Equal(Centre(x, y), face[(y * FaceInputContract.Width) + x]);
            }
        }
    }

    private static byte[] Decode(string path)
    {
        var face = new byte[FaceInputContract.PixelCount];
        FaceImageDecoder.Decode(path, face);
        return face;
    }

    private string Write(int width, int height, Func<int, int, byte> pixel)
    {
        string path = _directory.Combine($"{width}x{height}.png");
        using var image = new Image<L8>(width, height);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                image[x, y] = new L8(pixel(x, y));
            }
        }

        image.SaveAsPng(path);
        return path;
    }
}
