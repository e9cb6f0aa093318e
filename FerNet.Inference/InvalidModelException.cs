namespace FerNet.Inference;

/// <summary>
/// The model cannot serve as a FerNet emotion model: it is not a valid ONNX file, or its input is not
/// a float32 [N, 1, 48, 48] tensor named "input", or it has no float32 [N, 7] output named
/// "probabilities", or its metadata does not name the seven emotions in output order under
/// <c>fernet.labels</c>, or its outputs for probe faces (mid-gray, black, white, a ramp) are not
/// finite probabilities in [0, 1] summing to 1 (a model without its softmax, or one that computes
/// NaN), or the file is empty, no regular file, or longer than 512 MiB. Thrown when the model is
/// loaded, never later; the message names the model and what does not fit.
/// </summary>
public sealed class InvalidModelException : Exception
{
    /// <summary>Creates the exception with a message that names the model and the fault.</summary>
    public InvalidModelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the ONNX Runtime error behind it.</summary>
    public InvalidModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
