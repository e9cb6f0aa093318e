namespace FerNet.Cli.Prediction;

/// <summary>The predict or faces verb cannot start: a model, input folder or list is missing or unusable, or an option is out of range. The message names what is at fault.</summary>
internal sealed class PredictionSetupException : Exception
{
    public PredictionSetupException(string message)
        : base(message)
    {
    }

    public PredictionSetupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
