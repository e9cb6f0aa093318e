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
}
