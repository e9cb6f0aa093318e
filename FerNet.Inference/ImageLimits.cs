using System.Globalization;

namespace FerNet.Inference;

/// <summary>The largest inputs FerNet decodes; anything larger gets an <see cref="ImageTooLargeException"/>.</summary>
public static class ImageLimits
{
    /// <summary>
    /// The most pixels (width x height) an encoded image may claim in its header: 25 megapixels,
    /// e.g. 6000 x 4000, which is 100 MB once decoded. Checked before decoding.
    /// </summary>
    public const long MaxPixels = 25_000_000;

    /// <summary>The most bytes an encoded image (file, stream or byte array) may have: 128 MiB.</summary>
    public const int MaxEncodedBytes = 128 * 1024 * 1024;

    /// <summary>
    /// Refuses an image in memory larger than <see cref="MaxPixels"/>, the bound put on encoded
    /// images, before any copy of it is made: such an image may come from anywhere (a video frame, a
    /// bitmap), and the memory of what analyses it grows with the pixel count.
    /// </summary>
    /// <param name="width">The image's width in pixels.</param>
    /// <param name="height">The image's height in pixels.</param>
    /// <param name="inputName">How the message names the image, such as "The frame".</param>
    /// <exception cref="ImageTooLargeException">The image has more pixels than that; the message gives its size.</exception>
    public static void ThrowIfTooLarge(int width, int height, string inputName)
    {
        long pixels = (long)width * height;
        if (pixels > MaxPixels)
        {
            throw new ImageTooLargeException(string.Create(
                CultureInfo.InvariantCulture,
                $"{inputName} has {width} x {height} = {pixels:N0} pixels, more than the {MaxPixels:N0} that FerNet analyses (ImageLimits.MaxPixels). Scale it down first."));
        }
    }
}
