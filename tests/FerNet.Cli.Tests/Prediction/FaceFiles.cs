using FerNet.Testing.Images;

namespace FerNet.Cli.Tests.Prediction;

/// <summary>Generated face crops written as PNG files, and files that are not images.</summary>
internal static class FaceFiles
{
    /// <summary>Writes the PNG of <see cref="TestFaces.Gray"/>(<paramref name="seed"/>) to <paramref name="path"/>, creating its folder.</summary>
    public static string Png(string path, int seed)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, TestFaces.GrayPng(seed));
        return path;
    }

    /// <summary>Writes face000.png, face001.png, ... (seeds 0, 1, ...) into <paramref name="folder"/>; returns their paths in name order.</summary>
    public static string[] Pngs(string folder, int count) =>
        [.. Enumerable.Range(0, count).Select(i => Png(Path.Combine(folder, $"face{i:D3}.png"), seed: i))];

    /// <summary>A PNG cut off after its first 100 bytes: the header is intact, the pixels are missing.</summary>
    public static string TruncatedPng(string path)
    {
        File.WriteAllBytes(path, TestFaces.GrayPng(seed: 99)[..100]);
        return path;
    }
}
