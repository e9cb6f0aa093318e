namespace FerNet.Inference;

/// <summary>
/// The input is an image, but in a format FerNet does not decode. Supported formats are JPEG, PNG,
/// BMP, GIF (first frame) and WebP; <see cref="Format"/> names the one that was found.
/// </summary>
public sealed class UnsupportedImageFormatException : InvalidImageException
{
    /// <summary>Creates the exception for an image in <paramref name="format"/>.</summary>
    public UnsupportedImageFormatException(string format, string message)
        : base(message)
    {
        Format = format;
    }

    /// <summary>The format that was recognised, such as "TIFF" or "HEIF".</summary>
    public string Format { get; }
}
