using FerNet.Common.IO;
using FerNet.Cli.Files;

namespace FerNet.Cli.Prediction;

/// <summary>One image to score.</summary>
/// <param name="Name">How outputs name it: the path relative to the scored folder with '/' separators, the name a list gave, or the file name of a single image.</param>
/// <param name="Path">Where the file is.</param>
/// <param name="Refusal">Why the file is not to be opened (it lies outside the listed folder, or is no regular file), or null.</param>
internal sealed record ImageEntry(string Name, string Path, string? Refusal = null)
{
    /// <summary>The entry of the file at <paramref name="path"/>, refused when it is no regular file.</summary>
    public static ImageEntry Of(string name, string path) => new(name, path, RegularFile.ReadRefusal(path, $"Image file '{path}'"));
}
