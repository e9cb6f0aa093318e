namespace FerNet.Inference;

/// <summary>
/// The image is larger than FerNet accepts: its header claims more than
/// <see cref="ImageLimits.MaxPixels"/> pixels (checked before any pixel is decoded, so that a
/// decompression bomb cannot exhaust memory), or its encoded form is longer than
/// <see cref="ImageLimits.MaxEncodedBytes"/>. A face crop is never that large: crop the face first.
/// </summary>
public sealed class ImageTooLargeException : InvalidImageException
{
    /// <summary>Creates the exception with a message that names the input, its size and the limit.</summary>
    public ImageTooLargeException(string message)
        : base(message)
    {
    }
}
