namespace FerNet.Training.Data;

/// <summary>
/// A dataset on disk is missing, laid out wrongly or holds data that cannot be read. The message
/// names the folder, file or CSV line at fault.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public DatasetFormatException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DatasetFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DatasetFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
