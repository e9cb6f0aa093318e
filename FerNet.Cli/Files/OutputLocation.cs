namespace FerNet.Cli.Files;

/// <summary>
/// Whether an output file or folder can be written, checked before any work so that a run does not
/// score a whole folder and then fail on its last step. Nothing is created: the nearest existing
/// folder on the way must be a folder (not a file) and accept a new file, and the file itself, when it
/// exists, must be a regular file: writing over a device node or a named pipe would replace it.
/// </summary>
internal static class OutputLocation
{
    /// <summary>Why the file <paramref name="path"/> cannot be written, naming <paramref name="option"/> and the path at fault, or null when it can.</summary>
    public static string? FileRefusal(string path, string option) =>
        Directory.Exists(path)
            ? $"{option} '{path}' is a folder; name a file to write."
            : Common.IO.RegularFile.WriteRefusal(path, $"{option} '{path}'") ?? FolderRefusal(Path.GetDirectoryName(Path.GetFullPath(path))!, path, option);

    /// <summary>Why files cannot be written into the folder <paramref name="path"/>, naming <paramref name="option"/> and the path at fault, or null when they can.</summary>
    public static string? FolderRefusal(string path, string option) => FolderRefusal(Path.GetFullPath(path), path, option);

    private static string? FolderRefusal(string folder, string given, string option)
    {
        string? existing = folder;
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing))
            {
                return $"{option} '{given}' cannot be written: '{existing}' is a file, not a folder.";
            }

            existing = Path.GetDirectoryName(existing);
        }

        if (existing is null)
        {
            return $"{option} '{given}' cannot be written: no folder on its path exists.";
        }

        try
        {
            using var probe = new FileStream(
                Path.Combine(existing, $".fernet-{Guid.NewGuid():N}.probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose);
        }
        catch (UnauthorizedAccessException)
        {
            return $"{option} '{given}' cannot be written: permission to create files in '{existing}' is denied.";
        }
        catch (IOException)
        {
            // The exception's own message names the probe file, which the user never asked for.
            return $"{option} '{given}' cannot be written: the file system refuses new files in '{existing}'.";
        }

        return null;
    }
}
