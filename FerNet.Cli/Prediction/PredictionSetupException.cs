namespace FerNet.Cli.Prediction;

/// <summary>A verb cannot start: a model, input, list or output place is missing or unusable, or an option is out of range. The message names what is at fault.</summary>
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
