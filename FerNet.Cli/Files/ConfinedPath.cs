namespace FerNet.Cli.Files;

/// <summary>
/// Whether a name resolves inside a folder once "..", an absolute name and every symbolic link on
/// the way (the folder's own included) are followed: a list of names comes from elsewhere and must
/// not reach files outside the folder it names images in.
/// </summary>
internal static class ConfinedPath
{
    /// <summary>Whether <paramref name="name"/>, relative to <paramref name="folder"/>, leads to a file inside the folder.</summary>
    /// <exception cref="IOException">A link on the way cannot be followed (a loop).</exception>
    public static bool IsInside(string folder, string name)
    {
        string root = Resolve(Path.GetFullPath(folder));
        string resolved = Resolve(Path.GetFullPath(Path.Combine(folder, name)));
        return resolved.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    // As the operating system's own limit on links followed while opening one path.
    private const int MaxLinks = 40;

    // The path with every link among its parts followed, part by part from the root, as realpath
    // does; a link's target is resolved the same way, as its own parts may be links too.
    private static string Resolve(string fullPath, int linksFollowed = 0)
    {
        string resolved = Path.GetPathRoot(fullPath)!;
        foreach (string part in fullPath[resolved.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            string next = Path.Combine(resolved, part);
            var entry = new FileInfo(next);
            FileSystemInfo? target = entry.LinkTarget is null ? null : entry.ResolveLinkTarget(returnFinalTarget: true);
            if (target is not null && ++linksFollowed > MaxLinks)
            {
                throw new IOException($"'{fullPath}' leads through more than {MaxLinks} links.");
            }

            resolved = target is null ? next : Resolve(Path.GetFullPath(target.FullName), linksFollowed);
        }

        return resolved;
    }
}
