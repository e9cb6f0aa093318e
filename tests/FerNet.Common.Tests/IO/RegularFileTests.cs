using FerNet.Common.IO;
using FerNet.Testing.Files;

namespace FerNet.Common.Tests.IO;

/// <summary>
/// FerNet.Core's one check of what is read and written: a device, a named pipe or a loop of links is
/// refused by name, and an atomic write never renames its file over a device node or a pipe.
/// </summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_atomic_write_onto_a_named_pipe_or_a_link_to_a_device_is_refused_and_leaves_it_as_it_was()
    {
        string fifo = SpecialFiles.Fifo(_directory.Combine("out.csv"));
        string nullLink = SpecialFiles.Link(_directory.Combine("null.json"), "/dev/null");

        var onPipe = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText(fifo, "x"));
        var onDevice = Assert.Throws<ArgumentException>(() => AtomicFile.WriteAllText(nullLink, "x"));

        Assert.Contains("a named pipe", onPipe.Message, StringComparison.Ordinal);
        Assert.Contains("a character device", onDevice.Message, StringComparison.Ordinal);
        Assert.NotNull(RegularFile.WriteRefusal(fifo, "fifo"));
        Assert.Equal("/dev/null", new FileInfo(nullLink).LinkTarget);
        Assert.Equal(new[] { fifo, nullLink }.Order(StringComparer.Ordinal), Directory.GetFileSystemEntries(_directory.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_regular_file_a_link_to_one_and_a_missing_file_may_be_written()
    {
        string file = _directory.Combine("a.txt");
        File.WriteAllText(file, string.Empty);
        string link = SpecialFiles.Link(_directory.Combine("b.txt"), file);

        Assert.Null(RegularFile.WriteRefusal(file, "a"));
        Assert.Null(RegularFile.WriteRefusal(link, "b"));
        Assert.Null(RegularFile.WriteRefusal(_directory.Combine("missing.txt"), "c"));
    }

    [Fact]
    public void A_loop_of_links_is_refused_for_reading_by_name()
    {
        string first = _directory.Combine("loop-a");
        string second = _directory.Combine("loop-b");
        File.CreateSymbolicLink(first, second);
        File.CreateSymbolicLink(second, first);

        string? refusal = RegularFile.ReadRefusal(first, "Input 'loop-a'");

        Assert.NotNull(refusal);
        Assert.StartsWith("Input 'loop-a' is a link that cannot be followed", refusal, StringComparison.Ordinal);
    }
}
