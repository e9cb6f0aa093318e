namespace FerNet.Cli.Prediction;

/// <summary>A file that could not be scored, and why (the library's error message).</summary>
internal sealed record SkippedImage(string Name, string Reason);
