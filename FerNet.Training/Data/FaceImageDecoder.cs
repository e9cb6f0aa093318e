using System.Runtime.InteropServices;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Inference;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace FerNet.Training.Data;

/// <summary>Turns one image file into the 48x48 grayscale bytes of <see cref="FaceInputContract"/>.</summary>
internal static class FaceImageDecoder
{
    private static readonly byte[] JpegEndOfImage = [0xFF, 0xD9];

    private static readonly byte[] JpegStart = [0xFF, 0xD8, 0xFF];

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The IEND chunk: zero length, type "IEND", and the CRC of that type.
    private static readonly byte[] PngEnd = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>
    /// Decodes the image at <paramref name="path"/> into <paramref name="destination"/> (2304 bytes).
    /// Colour becomes luminance; any other size is cut to its
    /// <see cref="FaceInputContract.CentreSquare">centre square</see> and scaled to 48x48, as inference does.
    /// </summary>
    /// <exception cref="DatasetFormatException">
    /// The file is larger than <see cref="ImageLimits.MaxEncodedBytes"/>, claims more than
    /// <see cref="ImageLimits.MaxPixels"/> pixels, is neither a JPEG nor a PNG (whatever its name), is
    /// not a readable image, or is truncated.
    /// </exception>
    internal static void Decode(string path, Span<byte> destination)
    {
        byte[] bytes = BoundedRead.ReadFile(path, ImageLimits.MaxEncodedBytes)
            ?? throw new DatasetFormatException($"{path}: longer than the limit of {ImageLimits.MaxEncodedBytes:N0} bytes for an image; refused.");

        // ImageSharp also reads TIFF, BMP, GIF, WebP and more, whatever the file's name; training
        // reads JPEG and PNG, as its documentation says, so a TIFF named .png is not trained on.
        if (!bytes.AsSpan().StartsWith(JpegStart) && !bytes.AsSpan().StartsWith(PngSignature))
        {
            throw new DatasetFormatException($"{path}: neither a JPEG nor a PNG image by its content; training reads only these two formats.");
        }

        Image<L8> image;
        IImageFormat format;
        try
        {
            // A few bytes of header can claim billions of pixels; the claim is checked before a
            // single pixel is allocated, with the limit inference applies to the same files.
            IImageInfo? header = Image.Identify(bytes);
            if (header is null)
            {
                throw new DatasetFormatException($"{path}: not a readable image (no known image format).");
            }

            long pixels = (long)header.Width * header.Height;
            if (pixels > ImageLimits.MaxPixels)
            {
                throw new DatasetFormatException($"{path}: the image claims {header.Width}x{header.Height} pixels, more than the limit of {ImageLimits.MaxPixels:N0}.");
            }

            image = Image.Load<L8>(bytes, out format);
        }
        catch (Exception ex) when (ex is ImageFormatException or NotSupportedException)
        {
            throw new DatasetFormatException($"{path}: not a readable image ({ex.Message.Split('\n')[0].Trim()}).", ex);
        }

        using (image)
        {
            // ImageSharp fills a truncated JPEG's missing blocks with grey instead of failing, so
            // a file cut short is only recognisable by its missing end marker.
            if ((format is JpegFormat && !bytes.AsSpan().EndsWith(JpegEndOfImage))
                || (format is PngFormat && !bytes.AsSpan().EndsWith(PngEnd)))
            {
                throw new DatasetFormatException($"{path}: the {format.Name} image is truncated (it lacks its end marker).");
            }

            if (image.Width != FaceInputContract.Width || image.Height != FaceInputContract.Height)
            {
                (int x, int y, int size) = FaceInputContract.CentreSquare(image.Width, image.Height);
                image.Mutate(context => context
                    .Crop(new Rectangle(x, y, size, size))
                    .Resize(FaceInputContract.Width, FaceInputContract.Height));
            }

            image.CopyPixelDataTo(MemoryMarshal.Cast<byte, L8>(destination));
        }
    }
}
