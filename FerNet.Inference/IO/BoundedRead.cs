namespace FerNet.Inference.IO;

/// <summary>
/// Reads files and streams of images and models with a bound, whatever length they report: a
/// device such as /dev/zero reports 0 and never ends, and a stream may not report one at all.
/// </summary>
internal static class BoundedRead
{
    // Chunks grow from small (most inputs are small) to large (few allocations for a big one), and
    // are joined only once the end is reached within the bound: an endless input costs the bound,
    // not the bound again for each copy a growing single buffer would make.
    private const int FirstChunkBytes = 64 * 1024;
    private const int LargestChunkBytes = 16 * 1024 * 1024;

    /// <summary>Reads <paramref name="stream"/> from its position to its end.</summary>
    /// <returns>The bytes, or null as soon as there are more than <paramref name="maxBytes"/>.</returns>
    public static byte[]? ReadToEnd(Stream stream, int maxBytes)
    {
        var chunks = new List<(byte[] Bytes, int Length)>();
        long total = 0;
        int chunkBytes = FirstChunkBytes;
        while (true)
        {
            var chunk = new byte[(int)Math.Min(chunkBytes, maxBytes + 1L - total)];
            int filled = stream.ReadAtLeast(chunk, chunk.Length, throwOnEndOfStream: false);
            total += filled;
            if (total > maxBytes)
            {
                return null;
            }

            chunks.Add((chunk, filled));
            if (filled < chunk.Length)
            {
                break;
            }

            chunkBytes = Math.Min(chunkBytes * 2, LargestChunkBytes);
        }

        var bytes = new byte[total];
        int at = 0;
        foreach ((byte[] chunk, int length) in chunks)
        {
            chunk.AsSpan(0, length).CopyTo(bytes.AsSpan(at));
            at += length;
        }

        return bytes;
    }

    /// <summary>
    /// Reads the file <paramref name="file"/>, which exists and, with its links followed, reports a length above 0, to its end.
    /// Only a regular file reports a length above 0 (devices, FIFOs and sockets report 0), so
    /// nothing that blocks or never ends is opened.
    /// </summary>
    /// <returns>The bytes, or null when there are more than <paramref name="maxBytes"/>.</returns>
    public static byte[]? ReadFile(FileInfo file, int maxBytes)
    {
        using var stream = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return ReadToEnd(stream, maxBytes);
    }

    /// <summary>
    /// The file <paramref name="file"/> names once every symbolic link is followed: a link's own
    /// length is that of the path it holds, not of the file it leads to.
    /// </summary>
    public static FileInfo FollowLinks(FileInfo file) =>
        file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target : file;

    /// <summary>
    /// Why an existing file of length 0 is refused, for an error message after the input's name.
    /// It is empty, or it is no regular file at all: opening a FIFO waits for a writer and a device
    /// may never end, so neither is opened.
    /// </summary>
    public static string ZeroLengthFault(FileInfo file)
    {
        FileInfo target = FollowLinks(file);
        string link = target == file ? string.Empty : $" (a link to '{target.FullName}')";
        return $"{link} has a length of 0: it is empty, or not a regular file (a device such as /dev/zero, a FIFO or a socket), which FerNet does not read";
    }
}
