namespace FerNet.Faces;

/// <summary>
/// The face detector's model file is not given, does not exist, or is no model the detector can
/// load. The message names the path and says where the YuNet model is published.
/// </summary>
public class FaceDetectorModelException : Exception
{
    /// <summary>Creates the exception with a message that names the path and the fault.</summary>
    public FaceDetectorModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the loader's own error.</summary>
    public FaceDetectorModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
