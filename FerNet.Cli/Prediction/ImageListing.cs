using FerNet.Common.IO;
using System.IO.Enumeration;
using FerNet.Cli.Files;

namespace FerNet.Cli.Prediction;

/// <summary>Finds the images a predict run scores: every file of a folder, or the names a list gives.</summary>
internal static class ImageListing
{
    /// <summary>The column of a list file that names the images, as in a FER submission file.</summary>
    public const string NameColumn = "img_name";

    /// <summary>
    /// Every file in <paramref name="folder"/> (and its subfolders when <paramref name="recursive"/>),
    /// hidden files aside, sorted by their name relative to the folder. Files are not filtered by
    /// extension: the library recognises images by their content, and a file that is none is
    /// reported when it is scored.
    /// </summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="recursive">Whether to descend into subfolders.</param>
    /// <param name="excludedPath">A file to leave out (the run's own output file), or null.</param>
    /// <exception cref="PredictionSetupException">The folder holds no file to score.</exception>
    public static IReadOnlyList<ImageEntry> FromFolder(string folder, bool recursive, string? excludedPath)
    {
        string? excluded = excludedPath is null ? null : Path.GetFullPath(excludedPath);
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToSpecifiedFullPath(), new EnumerationOptions { RecurseSubdirectories = recursive })
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory,

            // A linked folder is not walked into: a link to the folder itself or a parent would make the walk endless.
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        ImageEntry[] images = [.. files
            .Where(path => !string.Equals(Path.GetFullPath(path), excluded, StringComparison.Ordinal))
            .Select(path => ImageEntry.Of(Path.GetRelativePath(folder, path).Replace(Path.DirectorySeparatorChar, '/'), path))
            .OrderBy(image => image.Name, StringComparer.Ordinal)];
        if (images.Length == 0)
        {
            throw new PredictionSetupException(recursive
                ? $"Folder '{folder}' and its subfolders hold no files to score."
                : $"Folder '{folder}' holds no files to score (add --recursive to score its subfolders).");
        }

        return images;
    }

    /// <summary>
    /// The images named in the <c>img_name</c> column of the CSV file <paramref name="listPath"/>,
    /// in its row order, relative to <paramref name="folder"/>; other columns are ignored. A name that
    /// leads outside the folder (by "..", an absolute path or a link) is refused, as the list may come
    /// from someone else and name any file the user can read.
    /// </summary>
    /// <exception cref="PredictionSetupException">The list is missing or no regular file, has no img_name column, a row has no name, or it names no image.</exception>
    public static IReadOnlyList<ImageEntry> FromList(string folder, string listPath)
    {
        if (!File.Exists(listPath))
        {
            throw new PredictionSetupException($"List file '{listPath}' does not exist.");
        }

        if (RegularFile.ReadRefusal(listPath, $"List file '{listPath}'") is string refusal)
        {
            throw new PredictionSetupException(refusal);
        }

        using var reader = new StreamReader(listPath, detectEncodingFromByteOrderMarks: true);
        string? header = reader.ReadLine();
        int column = header is null ? -1 : Fields(header, listPath, 1).FindIndex(name => name.Trim() == NameColumn);
        if (column < 0)
        {
            throw new PredictionSetupException($"List file '{listPath}' has no {NameColumn} column in its header line ('{header}').");
        }

        var images = new List<ImageEntry>();
        int lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            List<string> fields = Fields(line, listPath, lineNumber);
            string name = column < fields.Count ? fields[column].Trim() : string.Empty;
            if (name.Length == 0)
            {
                throw new PredictionSetupException($"List file '{listPath}', line {lineNumber}: the {NameColumn} field is empty.");
            }

            images.Add(Confined(folder, name));
        }

        if (images.Count == 0)
        {
            throw new PredictionSetupException($"List file '{listPath}' names no images: it has a header but no rows.");
        }

        return images;
    }

    private static ImageEntry Confined(string folder, string name)
    {
        string path = Path.Combine(folder, name);
        bool inside;
        try
        {
            inside = ConfinedPath.IsInside(folder, name);
        }
        catch (IOException e)
        {
            return new ImageEntry(name, path, $"The list names '{name}', which cannot be resolved: {e.Message}");
        }

        return inside
            ? ImageEntry.Of(name, path)
            : new ImageEntry(name, path, $"The list names '{name}', which lies outside the folder '{folder}'; a list names images inside the folder it is given with.");
    }

    private static List<string> Fields(string line, string listPath, int lineNumber)
    {
        try
        {
            return CsvFields.Split(line);
        }
        catch (FormatException e)
        {
            throw new PredictionSetupException($"List file '{listPath}', line {lineNumber}: {e.Message}.", e);
        }
    }
}
