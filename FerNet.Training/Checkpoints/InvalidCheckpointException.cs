namespace FerNet.Training.Checkpoints;

/// <summary>A checkpoint file is not a FerNet checkpoint, is truncated or corrupt, or does not fit the model.</summary>
public sealed class InvalidCheckpointException : Exception
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public InvalidCheckpointException(string path, string problem, Exception? inner = null)
        : base($"Checkpoint '{path}' cannot be used: {problem}", inner)
    {
        Path = path;
    }

    /// <summary>The checkpoint file at fault.</summary>
    public string Path { get; }
}
