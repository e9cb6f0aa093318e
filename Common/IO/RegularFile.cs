using System.Runtime.InteropServices;

namespace FerNet.Common.IO;

/// <summary>
/// The one check of what FerNet reads and writes: a path must be, once its links are followed, a
/// regular file. A device such as /dev/zero never ends and a FIFO blocks its reader until a writer
/// comes, so neither is opened; and a written file, renamed over its target, would replace a device
/// node or a FIFO with a regular file, so neither is written over.
/// </summary>
internal static partial class RegularFile
{
    // statx(2): the file type sits in stx_mode, a 16-bit field at byte 28 of a 256-byte struct whose
    // layout, unlike struct stat's, is the same on every Linux architecture.
    private const int AtCurrentDirectory = -100;
    private const uint StatxType = 0x1;
    private const int StatxBytes = 256;
    private const int StatxModeOffset = 28;
    private const int FileTypeMask = 0xF000;
    private const int RegularFileType = 0x8000;

    /// <summary>
    /// Why the file at <paramref name="path"/> must not be read, as a sentence that names it; null
    /// when it is a regular file with content, or when nothing is at <paramref name="path"/> (each
    /// caller reports a missing file in its own words).
    /// </summary>
    /// <param name="path">The path as the user gave it.</param>
    /// <param name="subject">How the sentence names the file, such as "Image file 'a.jpg'".</param>
    /// <returns>The refusal, or null.</returns>
    public static string? ReadRefusal(string path, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return $"{subject} is a folder, not a file.";
        }

        var file = new FileInfo(path);
        if (!file.Exists)
        {
            return null;
        }

        FileSystemInfo? target;
        try
        {
            target = file.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException e)
        {
            return $"{subject} is a link that cannot be followed (a loop of links, or too many in a row): {e.Message}";
        }

        // FileInfo.Length of a link is the length of the link itself, not of what it leads to. A
        // link that leads nowhere is the caller's to report, as a missing file is.
        var final = target is null ? file : new FileInfo(target.FullName);
        if (!final.Exists || final.Length > 0)
        {
            return null;
        }

        string named = target is null ? subject : $"{subject} is a link to '{target.FullName}', which";
        return $"{named} has no bytes to read: it is empty, or not a regular file (a device, a named pipe or a socket), which FerNet does not read.";
    }

    /// <summary>
    /// Why <paramref name="path"/> must not be replaced by a written file, as a sentence that names
    /// it; null when nothing is there or it is a regular file (or a link to one). Checked on Linux
    /// with statx(2); elsewhere, and with a C library that lacks it, always null.
    /// </summary>
    /// <param name="path">The path of the file to write.</param>
    /// <param name="subject">How the sentence names the file, such as "--out 'a.csv'".</param>
    /// <returns>The refusal, or null.</returns>
    public static string? WriteRefusal(string path, string subject)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!OperatingSystem.IsLinux() || Directory.Exists(path))
        {
            return null;
        }

        var status = new byte[StatxBytes];
        int result;
        try
        {
            result = Statx(AtCurrentDirectory, Path.GetFullPath(path), 0, StatxType, status);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            // A C library without statx (glibc before 2.28): the file type cannot be told, as elsewhere.
            return null;
        }

        // Nothing there (a missing file, a link that leads nowhere) is simply created; any other
        // failure to examine the path is the write's own to report.
        if (result != 0)
        {
            return null;
        }

        int type = BitConverter.ToUInt16(status, StatxModeOffset) & FileTypeMask;
        return type == RegularFileType
            ? null
            : $"{subject} exists and is not a regular file ({TypeName(type)}); FerNet writes only regular files and would replace it.";
    }

    /// <summary>The length of the file at <paramref name="path"/>, its links followed: a link's own length is that of the path it holds.</summary>
    /// <param name="path">The path of an existing file.</param>
    /// <returns>The length in bytes.</returns>
    public static long Length(string path)
    {
        var file = new FileInfo(path);
        return file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target ? target.Length : file.Length;
    }

    private static string TypeName(int type) => type switch
    {
        0x1000 => "a named pipe",
        0x2000 => "a character device",
        0x6000 => "a block device",
        0xC000 => "a socket",
        _ => "a special file",
    };

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int directory, string path, int flags, uint mask, [Out] byte[] status);
}
