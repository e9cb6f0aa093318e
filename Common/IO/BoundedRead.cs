namespace FerNet.Common.IO;

/// <summary>
/// Reads files and streams of images and models with a bound, whatever length they report: a
/// device such as /dev/zero reports 0 and never ends, and a stream may not report one at all.
/// Files are checked by <see cref="RegularFile.ReadRefusal"/> first, so nothing that blocks or never
/// ends is opened.
/// </summary>
internal static class BoundedRead
{
    // Chunks grow from small (most inputs are small) to large (few allocations for a big one), and
    // are joined only once the end is reached within the bound: an endless input costs the bound,
    // not the bound again for each copy a growing single buffer would make.
    private const int FirstChunkBytes = 64 * 1024;
    private const int LargestChunkBytes = 16 * 1024 * 1024;

    /// <summary>Reads <paramref name="stream"/> from its position to its end.</summary>
    /// <param name="stream">A readable stream; it is read but not disposed.</param>
    /// <param name="maxBytes">The most bytes to accept.</param>
    /// <returns>The bytes, or null as soon as there are more than <paramref name="maxBytes"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static byte[]? ReadToEnd(Stream stream, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
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
    /// Reads the file at <paramref name="path"/> to its end. Check it with
    /// <see cref="RegularFile.ReadRefusal"/> first: a device or FIFO must not be opened at all.
    /// </summary>
    /// <param name="path">The path of a regular file.</param>
    /// <param name="maxBytes">The most bytes to accept.</param>
    /// <returns>The bytes, or null when the file has more than <paramref name="maxBytes"/> (a file that reports more is not read at all).</returns>
    public static byte[]? ReadFile(string path, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (RegularFile.Length(path) > maxBytes)
        {
            return null;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        return ReadToEnd(stream, maxBytes);
    }
}
