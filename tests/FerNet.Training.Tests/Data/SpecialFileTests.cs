using System.Diagnostics;
using FerNet.Testing.Files;
using FerNet.Testing.Images;
using FerNet.Training.Data;

namespace FerNet.Training.Tests.Data;

/// <summary>
/// Files in a dataset folder that are not images on disk: a link to a device reads without end and a
/// FIFO blocks whoever opens it. The folder reader refuses them by name, before opening any of them.
/// </summary>
public sealed class SpecialFileTests : IDisposable
{
    private static readonly Fer2013LoadOptions NoCache = new() { CacheDirectory = null };

    // Reading /dev/zero to its "end" takes tens of seconds and gigabytes; a FIFO never returns.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private readonly TemporaryDirectory _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void ALinkToDevZeroIsRefusedByName()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        string link = _root.Combine("train", "happy", "zero.png");
        File.CreateSymbolicLink(link, "/dev/zero");

        DatasetFormatException error = LoadWithinBound();

        Assert.Contains(link, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFifoIsRefusedByNameWithoutBlocking()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        string fifo = _root.Combine("train", "sad", "pipe.jpg");
        MakeFifo(fifo);

        DatasetFormatException error = LoadWithinBound();

        Assert.Contains(fifo, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATiffNamedPngIsRefusedByName()
    {
        SyntheticFer2013.WriteFolderSplit(_root.Path, "train", perClass: 1);
        string tiff = _root.Combine("train", "fear", "scan.png");
        File.WriteAllBytes(tiff, TestFaces.EncodeAndDispose(TestFaces.Gray(seed: 5), "tiff"));

        DatasetFormatException error = LoadWithinBound();

        Assert.Contains(tiff, error.Message, StringComparison.Ordinal);
        Assert.Contains("neither a JPEG nor a PNG", error.Message, StringComparison.Ordinal);
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private DatasetFormatException LoadWithinBound()
    {
        Task<FaceDataset> load = Task.Run(() => Fer2013.Load(_root.Path, Fer2013Split.Train, NoCache));
        Assert.True(Task.WaitAny([load], Bound) == 0, $"loading the folder did not finish within {Bound.TotalSeconds} s");
        return Assert.IsType<DatasetFormatException>(load.Exception?.InnerException);
    }
}
