using System.Security.Cryptography;
using System.Text;
using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>
/// Loads FER2013 from either of its two published forms: the Kaggle folder layout
/// (<c>&lt;root&gt;/train/&lt;class&gt;/*.jpg</c>, <c>&lt;root&gt;/test/&lt;class&gt;/*.jpg</c>) or the
/// original challenge CSV (<c>emotion,pixels,Usage</c>).
/// </summary>
public static class Fer2013
{
    /// <summary>
    /// The folder where decoded datasets are cached by default: <c>$FERNET_CACHE</c> if set, else
    /// <c>$XDG_CACHE_HOME/fernet</c>, else <c>~/.cache/fernet</c>; null when none of these is known.
    /// The cache never lives beside the data, which may be read-only.
    /// </summary>
    public static string? DefaultCacheDirectory => CacheDirectoryFrom(
        Environment.GetEnvironmentVariable("FERNET_CACHE"),
        Environment.GetEnvironmentVariable("XDG_CACHE_HOME"),
        Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// Loads one split of FER2013 from <paramref name="path"/>: a folder in the Kaggle layout or a
    /// <c>.csv</c> challenge file. Images are returned class by class in canonical order and by file
    /// name within a class (folders), or in row order (CSV); <see cref="FaceDataset.Sources"/> tells
    /// where each came from.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Folder layout: class folders must be named as <see cref="EmotionLabels.Names"/> (lower case),
    /// all seven present and none empty; <c>.jpg</c>, <c>.jpeg</c> and <c>.png</c> files are read and
    /// other files ignored. Images are decoded in parallel. An image in colour is converted to its
    /// luminance (ITU-R BT.709 weights: 0.2126 R + 0.7152 G + 0.0722 B), and an image of any size
    /// other than 48x48 is resized (bicubic, stretched to the square, not cropped), so that every
    /// image meets <see cref="FaceInputContract"/>. The layout
    /// has only <see cref="Fer2013Split.Train"/> (<c>train</c>) and <see cref="Fer2013Split.PublicTest"/>
    /// (<c>test</c>).
    /// </para>
    /// <para>
    /// CSV: the header names the columns <c>emotion</c>, <c>pixels</c> and <c>Usage</c>. Emotion
    /// codes are the challenge's (0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise, 6 Neutral)
    /// and are mapped onto <see cref="Emotion"/>; <c>Usage</c> is Training, PublicTest or PrivateTest.
    /// Every row is checked, whichever split is asked for.
    /// </para>
    /// <para>
    /// The decoded split is cached in <see cref="Fer2013LoadOptions.CacheDirectory"/>, keyed by the
    /// source's path and checked against a fingerprint of it (each image file's path, size and
    /// modification time, or the CSV's size and modification time), so that a later load reads one
    /// file instead of decoding again.
    /// </para>
    /// </remarks>
    /// <exception cref="DatasetFormatException">
    /// The path, the split folder or a class folder is missing; a folder is not a class; a class has
    /// no images; an image is corrupt or truncated; a CSV row is malformed; or the split has no images.
    /// The message names the folder, file or line. Nothing is returned in part.
    /// </exception>
    public static FaceDataset Load(string path, Fer2013Split split, Fer2013LoadOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!Enum.IsDefined(split))
        {
            throw new ArgumentOutOfRangeException(nameof(split), split, "Not a FER2013 split.");
        }

        options ??= new Fer2013LoadOptions();
        string fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            Fer2013FolderListing listing = Fer2013FolderReader.List(fullPath, split);
            return LoadCached("folder", fullPath, split, listing.Fingerprint, options, () => Fer2013FolderReader.Read(listing, options.Progress));
        }

        if (File.Exists(fullPath))
        {
            if (!fullPath.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                throw new DatasetFormatException($"{fullPath}: expected a folder in the Kaggle layout or a .csv challenge file.");
            }

            return LoadCached("csv", fullPath, split, Fer2013CsvReader.Fingerprint(fullPath), options, () => Fer2013CsvReader.Read(fullPath, split, options.Progress));
        }

        throw new DatasetFormatException($"{fullPath}: no such folder or file.");
    }

    /// <summary>The cache folder chosen from the values of FERNET_CACHE, XDG_CACHE_HOME and the home folder.</summary>
    internal static string? CacheDirectoryFrom(string? fernetCache, string? xdgCacheHome, string home)
    {
        if (!string.IsNullOrEmpty(fernetCache))
        {
            return Path.GetFullPath(fernetCache);
        }

        // The XDG base directory specification tells to ignore a relative XDG_CACHE_HOME.
        if (!string.IsNullOrEmpty(xdgCacheHome) && Path.IsPathRooted(xdgCacheHome))
        {
            return Path.Combine(xdgCacheHome, "fernet");
        }

        return home.Length > 0 ? Path.Combine(home, ".cache", "fernet") : null;
    }

    private static FaceDataset LoadCached(
        string kind, string fullPath, Fer2013Split split, byte[] fingerprint, Fer2013LoadOptions options, Func<FaceDataset> read)
    {
        if (options.CacheDirectory is null)
        {
            return read();
        }

        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{fullPath}")), 0, 8);
        string file = Path.Combine(options.CacheDirectory, $"fer2013-{split.ToString().ToLowerInvariant()}-{key}.bin");
        if (FaceDatasetCache.TryRead(file, fingerprint) is { } cached)
        {
            new ProgressReporter(options.Progress).Report(cached.Count, 1);
            return cached;
        }

        FaceDataset dataset = read();
        FaceDatasetCache.TryWrite(file, fingerprint, dataset);
        return dataset;
    }
}
