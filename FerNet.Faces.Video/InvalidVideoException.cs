namespace FerNet.Faces.Video;

/// <summary>
/// A video file or camera could not be read: the file is no video that OpenCV's bundled FFmpeg
/// can open, is corrupt, or has no readable frame, or the camera cannot be opened. The message
/// names the file or camera.
/// </summary>
public class InvalidVideoException : Exception
{
    /// <summary>Creates the exception with a message that names the source and the fault.</summary>
    public InvalidVideoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the reader's own error.</summary>
    public InvalidVideoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
