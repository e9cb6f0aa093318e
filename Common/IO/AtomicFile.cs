namespace FerNet.Common.IO;

/// <summary>
/// Writes a file so that readers see either the old content or the whole new content, never a
/// part: the bytes go to a hidden temporary file in the target's folder (so the rename stays on one
/// file system), are flushed to disk, and the temporary file is renamed over the target. On failure
/// the temporary file is removed and the target is left as it was. A target that exists and is no
/// regular file (a device node such as /dev/null, a FIFO, a socket) is refused before anything is
/// written: the rename would replace the node itself.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes whatever <paramref name="write"/> puts into the stream to <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> names a folder, or something that exists and is not a regular file (see <see cref="RegularFile.WriteRefusal"/>).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(write);
        string fullPath = Path.GetFullPath(path);
        string fileName = Path.GetFileName(fullPath);
        if (fileName.Length == 0)
        {
            throw new ArgumentException($"'{path}' names a folder, not a file.", nameof(path));
        }

        if (RegularFile.WriteRefusal(path, $"'{path}'") is string refusal)
        {
            throw new ArgumentException(refusal, nameof(path));
        }

        string folder = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(folder);
        string temporary = Path.Combine(folder, $".{fileName}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/>.</summary>
    public static void WriteAllBytes(string path, byte[] bytes) => Write(path, stream => stream.Write(bytes));

    /// <summary>Writes <paramref name="text"/> as UTF-8 to <paramref name="path"/>.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));
}
