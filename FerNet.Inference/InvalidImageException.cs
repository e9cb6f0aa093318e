namespace FerNet.Inference;

/// <summary>
/// The input could not be used as an image: it is empty, is not an image at all, is truncated or
/// corrupt, or has zero width or height. The message names the input (file, stream, bytes or the
/// position in a batch) and what is wrong with it. The classifier stays usable for the next call.
/// </summary>
public class InvalidImageException : Exception
{
    /// <summary>Creates the exception with a message that names the input and the fault.</summary>
    public InvalidImageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the decoder's own error.</summary>
    public InvalidImageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
