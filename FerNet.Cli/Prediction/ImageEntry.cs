namespace FerNet.Cli.Prediction;

/// <summary>One image to score.</summary>
/// <param name="Name">How outputs name it: the path relative to the scored folder with '/' separators, the name a list gave, or the file name of a single image.</param>
/// <param name="Path">Where the file is.</param>
internal sealed record ImageEntry(string Name, string Path);
