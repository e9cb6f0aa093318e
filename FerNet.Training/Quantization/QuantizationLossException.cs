namespace FerNet.Training.Quantization;

/// <summary>
/// A quantized model lost more accuracy on the validation split than its stated bound allows, so
/// <c>quantize</c> did not write it.
/// </summary>
public sealed class QuantizationLossException : Exception
{
    /// <summary>Creates the exception with a message that names the model and both accuracies.</summary>
    public QuantizationLossException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public QuantizationLossException()
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public QuantizationLossException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
