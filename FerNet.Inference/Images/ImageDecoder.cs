using System.Globalization;
using System.Runtime.InteropServices;
using FerNet.Common.IO;
using Microsoft.ML.Data;
using SkiaSharp;

namespace FerNet.Inference.Images;

/// <summary>
/// Turns encoded images into <see cref="MLImage"/>s, refusing what should not be decoded. The
/// header is checked against <see cref="ImageLimits"/> first; then Skia decodes, and only a
/// complete decode is accepted: <see cref="MLImage.CreateFromStream"/> alone would accept a
/// truncated JPEG or PNG and fill the missing rows with gray. The EXIF orientation of a JPEG is
/// applied, so that a photo stored turned, as phone cameras store them, comes out upright.
/// </summary>
/// <remarks>
/// Skia reports input that ends early, and headers or compressed data it cannot parse. It does not
/// report damaged entropy-coded data inside a JPEG scan, nor a scan that stops early at a marker:
/// libjpeg-turbo, like every browser, warns and paints what it decodes, filling what is missing with
/// gray. So a JPEG whose scan data is shorter than its blocks need at the least is refused here
/// (<see cref="JpegScanLength"/>); a JPEG with damaged scan data, or cut short after that bound and
/// given a new end marker, decodes to damaged pixels and is scored.
/// </remarks>
internal static class ImageDecoder
{
    /// <summary>
    /// Reads and decodes the image file at <paramref name="path"/>. A file that reports a length of
    /// 0, which is every device, FIFO and socket, is refused without being opened, and no more than
    /// <see cref="ImageLimits.MaxEncodedBytes"/> are read whatever length it reports.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    public static MLImage DecodeFile(string path, string? batchPosition = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string inputName = batchPosition is null ? $"Image file '{path}'" : $"{batchPosition} ('{path}')";
        if (!File.Exists(path) && new FileInfo(path).LinkTarget is null)
        {
            throw new FileNotFoundException($"{inputName} does not exist.", path);
        }

        if (RegularFile.ReadRefusal(path, inputName) is string refusal)
        {
            throw new InvalidImageException(refusal);
        }

        byte[] encoded = BoundedRead.ReadFile(path, ImageLimits.MaxEncodedBytes)
            ?? throw TooManyBytes(inputName, Math.Max(RegularFile.Length(path), ImageLimits.MaxEncodedBytes + 1L));
        return Decode(encoded, inputName);
    }

    /// <summary>Reads <paramref name="stream"/> from its current position to its end and decodes it.</summary>
    public static MLImage DecodeStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The image stream cannot be read.", nameof(stream));
        }

        byte[] encoded = BoundedRead.ReadToEnd(stream, ImageLimits.MaxEncodedBytes)
            ?? throw TooManyBytes("The image stream", ImageLimits.MaxEncodedBytes + 1L);
        return Decode(encoded, "The image stream");
    }

    /// <summary>Decodes an encoded image held in memory.</summary>
    /// <param name="encoded">The bytes of a JPEG, PNG, BMP, GIF or WebP file.</param>
    /// <param name="inputName">How error messages name the input.</param>
    public static MLImage Decode(byte[] encoded, string inputName)
    {
        if (encoded.Length == 0)
        {
            throw new InvalidImageException($"{inputName} is empty: it has no bytes.");
        }

        if (encoded.Length > ImageLimits.MaxEncodedBytes)
        {
            throw TooManyBytes(inputName, encoded.Length);
        }

        ImageHeader header = ImageHeaderReader.Read(encoded, inputName);
        CheckSize(header, inputName);
        if (header.Format == "JPEG")
        {
            JpegScanLength.Check(encoded, inputName);
        }

        using SKCodec? codec = SKCodec.Create(new MemoryStream(encoded, writable: false), out SKCodecResult opened);
        if (codec is null)
        {
            throw opened == SKCodecResult.IncompleteInput
                ? new InvalidImageException($"{inputName} is a truncated {header.Format} image: its data ends inside its header.")
                : new InvalidImageException($"{inputName} is a corrupt {header.Format} image: the decoder could not read its header ('{opened}').");
        }

        // Skia's own reading of the header decides the allocation, so it must pass the same checks.
        CheckSize(header with { Width = codec.Info.Width, Height = codec.Info.Height }, inputName);
        var info = new SKImageInfo(
            codec.Info.Width,
            codec.Info.Height,
            SKColorType.Bgra8888,
            codec.Info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul);
        var pixels = new byte[info.BytesSize];
        SKCodecResult result = DecodeInto(codec, info, pixels);
        if (result == SKCodecResult.IncompleteInput)
        {
            throw new InvalidImageException($"{inputName} is a truncated {header.Format} image: its data ends before the last pixel.");
        }

        if (result != SKCodecResult.Success)
        {
            throw new InvalidImageException($"{inputName} is a corrupt {header.Format} image: decoding failed with '{result}'.");
        }

        (int width, int height, byte[] upright) = ExifOrientation.Apply(codec.EncodedOrigin, info.Width, info.Height, pixels);
        return MLImage.CreateFromPixels(width, height, MLPixelFormat.Bgra32, upright);
    }

    // Decoding into a pinned managed array uses only members that SkiaSharp 2.88 and 3.x share, so
    // the same build runs next to either (ScottPlot, for one, brings 3.x into the process).
    private static SKCodecResult DecodeInto(SKCodec codec, SKImageInfo info, byte[] pixels)
    {
        GCHandle pinned = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            return codec.GetPixels(info, pinned.AddrOfPinnedObject());
        }
        finally
        {
            pinned.Free();
        }
    }

    /// <summary>
    /// A private copy of a caller's image. ML.NET's resize step passes an image that already has
    /// the target size straight through and later disposes it as its own output, so a caller's
    /// image must never enter the pipeline itself.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    public static MLImage Copy(MLImage image, string inputName)
    {
        ArgumentNullException.ThrowIfNull(image);
        (int width, int height, byte[] bgr) = ReadBgr(image, inputName);
        var bgra = new byte[width * height * 4];
        for (int i = 0, j = 0; i < bgr.Length; i += 3, j += 4)
        {
            bgra[j] = bgr[i];
            bgra[j + 1] = bgr[i + 1];
            bgra[j + 2] = bgr[i + 2];
            bgra[j + 3] = byte.MaxValue;
        }

        return MLImage.CreateFromPixels(width, height, MLPixelFormat.Bgra32, bgra);
    }

    /// <summary>The size and 8-bit BGR pixels of <paramref name="image"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    public static (int Width, int Height, byte[] Bgr) ReadBgr(MLImage image, string inputName)
    {
        try
        {
            return (image.Width, image.Height, image.GetBGRPixels);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{inputName} has been disposed.", nameof(image), e);
        }
    }

    private static void CheckSize(ImageHeader header, string inputName)
    {
        if (header.Width <= 0 || header.Height <= 0)
        {
            throw new InvalidImageException($"{inputName} is a {header.Format} image of {header.Width} x {header.Height} pixels: an image needs at least one pixel each way.");
        }

        if (header.PixelCount > ImageLimits.MaxPixels)
        {
            throw new ImageTooLargeException(string.Create(
                CultureInfo.InvariantCulture,
                $"{inputName} is a {header.Format} image whose header claims {header.Width} x {header.Height} = {header.PixelCount:N0} pixels, more than the {ImageLimits.MaxPixels:N0} that FerNet decodes (ImageLimits.MaxPixels). Crop the face first."));
        }
    }

    private static ImageTooLargeException TooManyBytes(string inputName, long length) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"{inputName} has {length:N0} bytes or more, more than the {ImageLimits.MaxEncodedBytes:N0} that FerNet reads (ImageLimits.MaxEncodedBytes). Crop the face first."));
}
