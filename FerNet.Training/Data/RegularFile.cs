namespace FerNet.Training.Data;

/// <summary>
/// The check every dataset file passes before it is opened. A link to /dev/zero reads without end
/// and a FIFO blocks its reader; such files (and sockets, /proc entries) report length 0, as an empty
/// file does, and none of them holds a dataset, so all are refused. A link's own length is that of
/// the name it holds, so links are judged by what they lead to.
/// </summary>
internal static class RegularFile
{
    /// <summary>The file <paramref name="file"/> leads to, when it is a regular file with content.</summary>
    /// <exception cref="DatasetFormatException">It is a device, FIFO, socket, a link to one, a broken link, or empty.</exception>
    public static FileInfo Require(FileInfo file)
    {
        FileSystemInfo target = file.LinkTarget is null ? file : file.ResolveLinkTarget(returnFinalTarget: true)!;
        return target is FileInfo { Exists: true, Length: > 0 } content
            ? content
            : throw new DatasetFormatException($"{file.FullName}: not a regular file with content (a device, FIFO, link to one, a broken link, or an empty file); refused.");
    }
}
