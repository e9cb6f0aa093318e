namespace FerNet.Training.Data;

/// <summary>
/// The check every dataset file passes before it is opened, by the one check in Common/IO
/// (<see cref="Common.IO.RegularFile.ReadRefusal"/>): a link to /dev/zero reads without end and a FIFO
/// blocks its reader; such files (and sockets, /proc entries) report length 0, as an empty file does,
/// and none of them holds a dataset, so all are refused, as are links that cannot be followed.
/// </summary>
internal static class RegularFile
{
    /// <summary>The file <paramref name="file"/> leads to, when it is a regular file with content.</summary>
    /// <exception cref="DatasetFormatException">It is a device, FIFO, socket, a link to one, a broken link or a loop of links, or empty.</exception>
    public static FileInfo Require(FileInfo file)
    {
        string? refusal = Common.IO.RegularFile.ReadRefusal(file.FullName, file.FullName);
        FileSystemInfo? target = refusal is null && file.LinkTarget is not null ? file.ResolveLinkTarget(returnFinalTarget: true) : file;
        return refusal is null && target is FileInfo { Exists: true } content
            ? content
            : throw new DatasetFormatException($"{file.FullName}: not a regular file with content (a device, FIFO, link to one, a broken link or a loop of links, or an empty file); refused.");
    }
}
