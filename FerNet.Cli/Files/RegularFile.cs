namespace FerNet.Cli.Files;

/// <summary>
/// Whether a path the CLI is about to hand to FerNet.Inference or FerNet.Faces is a regular file
/// whose reading ends. A device such as /dev/zero never ends, a named pipe blocks the open until a
/// writer comes, and the libraries size a file by its length, which both report as 0; so a path,
/// or the file its links finally lead to, that has no length is refused before it is opened.
/// </summary>
internal static class RegularFile
{
    /// <summary>
    /// Why <paramref name="path"/> must not be opened, as a sentence that names it, or null when it is
    /// a regular file with content (or is missing, which the library reports itself).
    /// </summary>
    /// <param name="path">The path as the user gave it.</param>
    /// <param name="described">How the sentence names the file, such as "Image file" or "Model file".</param>
    public static string? Refusal(string path, string described)
    {
        if (Directory.Exists(path))
        {
            return $"{described} '{path}' is a folder, not a file.";
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
            return $"{described} '{path}' is a link that cannot be followed: {e.Message}";
        }

        // FileInfo.Length of a link is the length of the link itself, not of what it leads to. A
        // link that leads nowhere is the library's to report, as a missing file is.
        var final = target is null ? file : new FileInfo(target.FullName);
        if (!final.Exists || final.Length > 0)
        {
            return null;
        }

        string subject = target is null ? $"{described} '{path}'" : $"{described} '{path}' is a link to '{target.FullName}', which";
        return $"{subject} has no bytes to read: it is empty, or not a regular file (a device, a named pipe or a socket).";
    }
}
