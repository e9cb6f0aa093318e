namespace FerNet.Inference.IO;

/// <summary>
/// Reads files and streams of images and models with a bound, whatever length they report: a
/// device such as /dev/zero reports 0 and never ends, and a stream may not report one at all.
/// </summary>
internal static class BoundedRead
{
    // Growing the buffer by doubling from here keeps small inputs cheap; the last step is capped at
    // the bound, so an endless input costs at most the bound plus the half before it.
    private const int FirstBufferBytes = 1 << 20;

    /// <summary>Reads <paramref name="stream"/> from its position to its end.</summary>
    /// <returns>The bytes, or null as soon as there are more than <paramref name="maxBytes"/>.</returns>
    public static byte[]? ReadToEnd(Stream stream, int maxBytes)
    {
        var buffer = new byte[Math.Min(maxBytes + 1, FirstBufferBytes)];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > maxBytes)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min(maxBytes + 1L, buffer.Length * 2L));
            }

            int read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > maxBytes)
        {
            return null;
        }

        Array.Resize(ref buffer, length);
        return buffer;
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
