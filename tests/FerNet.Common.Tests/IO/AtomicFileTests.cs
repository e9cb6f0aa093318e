using FerNet.Common.IO;
using FerNet.Testing.Files;

namespace FerNet.Common.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Creates_missing_directories_and_leaves_only_the_target_file()
    {
        string path = _directory.Combine(Path.Combine("run-1", "reports", "chart.png"));

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Replaces_an_existing_file_completely()
    {
        string path = _directory.Combine("chart.png");
        File.WriteAllBytes(path, new byte[1000]);

        AtomicFile.WriteAllBytes(path, [7, 8]);

        Assert.Equal([7, 8], File.ReadAllBytes(path));
        Assert.Single(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Rejects_a_path_that_names_a_directory()
    {
        var error = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllBytes(_directory.Path + Path.DirectorySeparatorChar, [1]));

        Assert.Contains("names a folder", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_directory.Path));
    }

    [Fact]
    public void Leaves_no_temporary_file_when_the_rename_fails()
    {
        // A directory in the way of the target makes the final rename fail after the temporary file was written.
        string path = _directory.Combine("chart.png");
        Directory.CreateDirectory(path);

        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllBytes(path, [1, 2, 3]));

        Assert.Empty(Directory.GetFiles(_directory.Path));
    }
}
