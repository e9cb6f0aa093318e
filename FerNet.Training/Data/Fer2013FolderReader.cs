using System.Buffers.Binary;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;
using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>
/// Reads FER2013 in the Kaggle folder layout: <c>&lt;root&gt;/train/&lt;class&gt;/*.jpg</c> and
/// <c>&lt;root&gt;/test/&lt;class&gt;/*.jpg</c>, one lower-case folder per emotion.
/// </summary>
internal static class Fer2013FolderReader
{
    private const int ProgressInterval = 512;

    private static readonly string[] ImageExtensions = [".jpg", ".jpeg", ".png"];

    /// <summary>The split's folder name under the root.</summary>
    /// <exception cref="DatasetFormatException">The split has no folder in the Kaggle layout.</exception>
    internal static string SplitFolderName(string root, Fer2013Split split) => split switch
    {
        Fer2013Split.Train => "train",
        Fer2013Split.PublicTest => "test",
        _ => throw new DatasetFormatException(
            $"{root}: the Kaggle folder layout has no {split} split (only train = Train and test = PublicTest); read {split} from the challenge CSV."),
    };

    /// <summary>Lists and checks the split's class folders and image files without decoding anything.</summary>
    /// <exception cref="DatasetFormatException">
    /// The split folder is missing, a class folder is unknown, missing or empty, or there are no images.
    /// </exception>
    internal static Fer2013FolderListing List(string root, Fer2013Split split)
    {
        string splitFolder = Path.Combine(root, SplitFolderName(root, split));
        if (!Directory.Exists(splitFolder))
        {
            throw new DatasetFormatException($"{splitFolder}: the {split} folder is missing.");
        }

        string expected = string.Join(", ", EmotionLabels.Names);
        var classFolders = new string?[EmotionLabels.Count];
        foreach (string folder in Directory.EnumerateDirectories(splitFolder))
        {
            string name = Path.GetFileName(folder);
            int index = EmotionLabels.Names.IndexOf(name);
            if (index < 0)
            {
                throw new DatasetFormatException($"{folder}: '{name}' is not a class folder; expected only {expected}.");
            }

            classFolders[index] = folder;
        }

        if (classFolders.All(folder => folder is null))
        {
            throw new DatasetFormatException($"{splitFolder}: no images; expected one folder per class: {expected}.");
        }

        var files = new List<string>();
        var labels = new List<Emotion>();
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> numbers = stackalloc byte[16];
        for (int index = 0; index < EmotionLabels.Count; index++)
        {
            string folder = classFolders[index]
                ?? throw new DatasetFormatException($"{splitFolder}: the class folder '{EmotionLabels.Names[index]}' is missing; expected {expected}.");
            var images = new DirectoryInfo(folder).EnumerateFiles()
                .Where(file => ImageExtensions.Contains(file.Extension, StringComparer.OrdinalIgnoreCase))
                .OrderBy(file => file.Name, StringComparer.Ordinal)
                .ToList();
            if (images.Count == 0)
            {
                throw new DatasetFormatException($"{folder}: the class folder holds no .jpg, .jpeg or .png images.");
            }

            foreach (FileInfo image in images)
            {
                // Checked while listing, so that no special file is opened, let alone decoded.
                FileInfo content = RegularFile.Require(image);
                files.Add(image.FullName);
                labels.Add((Emotion)index);
                // NUL ends each path, so that no two listings hash the same bytes.
                fingerprint.AppendData(Encoding.UTF8.GetBytes(Path.GetRelativePath(splitFolder, image.FullName) + '\0'));
                BinaryPrimitives.WriteInt64LittleEndian(numbers, content.Length);
                BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], content.LastWriteTimeUtc.Ticks);
                fingerprint.AppendData(numbers);
            }
        }

        return new Fer2013FolderListing(splitFolder, files, [.. labels], fingerprint.GetHashAndReset());
    }

    /// <summary>Decodes every listed image, in parallel, into one dataset.</summary>
    /// <exception cref="DatasetFormatException">An image is corrupt or truncated; the message names the file.</exception>
    internal static FaceDataset Read(Fer2013FolderListing listing, IProgress<DatasetLoadProgress>? progress)
    {
        int count = listing.Files.Count;
        var pixels = new byte[count * FaceInputContract.PixelCount];
        var reporter = new ProgressReporter(progress);
        int decoded = 0;
        try
        {
            Parallel.For(0, count, i =>
            {
                FaceImageDecoder.Decode(listing.Files[i], pixels.AsSpan(i * FaceInputContract.PixelCount, FaceInputContract.PixelCount));
                int done = Interlocked.Increment(ref decoded);
                if (done % ProgressInterval == 0)
                {
                    reporter.Report(done, (double)done / count);
                }
            });
        }
        catch (AggregateException ex)
        {
            // Parallel.For wraps whatever a file threw; callers should see the file's own error.
            ExceptionDispatchInfo.Throw(ex.InnerExceptions[0]);
        }

        reporter.Report(count, 1);
        return new FaceDataset(pixels, listing.Labels, listing.Files);
    }
}
