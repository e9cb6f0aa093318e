namespace FerNet.Cli.Prediction;

/// <summary>How a predict or faces run ended; the value is the process exit code.</summary>
internal enum PredictionOutcome
{
    /// <summary>Every image was scored.</summary>
    AllScored = 0,

    /// <summary>The run finished, but at least one file could not be read as an image and was skipped.</summary>
    SomeSkipped = 1,

    /// <summary>A missing model, input or list, an invalid option, or a single image that cannot be used stopped the run before any image was scored.</summary>
    NotStarted = 2,

    /// <summary>The run was cancelled (Ctrl+C) and wrote no output file.</summary>
    Cancelled = 130,
}
