using System.Runtime.InteropServices;
using SkiaSharp;

namespace FerNet.Inference.Images;

/// <summary>
/// Turns decoded pixels upright as their EXIF orientation says (Skia reads the tag, as
/// <see cref="SKCodec.EncodedOrigin"/>, but decodes the pixels as stored). Done on the 32-bit
/// pixels themselves rather than with an <see cref="SKCanvas"/>, so that it uses no member that
/// differs between SkiaSharp 2.88 and 3.x.
/// </summary>
internal static class ExifOrientation
{
    /// <summary>
    /// The upright image of the <paramref name="width"/> x <paramref name="height"/> 32-bit pixels
    /// <paramref name="pixels"/> stored with <paramref name="origin"/>: the same array for the normal
    /// orientation, else a new one, with width and height swapped by a quarter turn.
    /// </summary>
    public static (int Width, int Height, byte[] Pixels) Apply(SKEncodedOrigin origin, int width, int height, byte[] pixels)
    {
        if (origin is not (>= SKEncodedOrigin.TopRight and <= SKEncodedOrigin.LeftBottom))
        {
            return (width, height, pixels);
        }

        bool quarterTurn = origin >= SKEncodedOrigin.LeftTop;
        int uprightWidth = quarterTurn ? height : width;
        int uprightHeight = quarterTurn ? width : height;
        var upright = new byte[pixels.Length];
        ReadOnlySpan<uint> source = MemoryMarshal.Cast<byte, uint>(pixels);
        Span<uint> target = MemoryMarshal.Cast<byte, uint>(upright.AsSpan());
        for (int y = 0; y < uprightHeight; y++)
        {
            for (int x = 0; x < uprightWidth; x++)
            {
                // Where the pixel shown at (x, y) is stored; EXIF 2.3, tag 0x0112.
                (int storedX, int storedY) = origin switch
                {
                    SKEncodedOrigin.TopRight => (width - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (width - 1 - x, height - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, height - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, height - 1 - x),
                    SKEncodedOrigin.RightBottom => (width - 1 - y, height - 1 - x),
                    _ => (width - 1 - y, x),
                };
                target[(y * uprightWidth) + x] = source[(storedY * width) + storedX];
            }
        }

        return (uprightWidth, uprightHeight, upright);
    }
}
