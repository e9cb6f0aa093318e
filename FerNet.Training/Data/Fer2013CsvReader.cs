using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FerNet.Core;

namespace FerNet.Training.Data;

/// <summary>
/// Reads the original FER2013 challenge file: a header naming the columns <c>emotion</c>,
/// <c>pixels</c> and <c>Usage</c>, then one row per image with an emotion code, 2304
/// space-separated pixel values 0..255 and the split. The file is streamed, row by row.
/// </summary>
internal static class Fer2013CsvReader
{
    private const int ProgressInterval = 512;

    // The challenge file codes emotions as 0 Angry, 1 Disgust, 2 Fear, 3 Happy, 4 Sad, 5 Surprise,
    // 6 Neutral; the canonical order sorts the names, which swaps Neutral ahead of Sad and Surprise.
    private static readonly Emotion[] EmotionOfCode =
        [Emotion.Angry, Emotion.Disgust, Emotion.Fear, Emotion.Happy, Emotion.Sad, Emotion.Surprise, Emotion.Neutral];

    private static readonly string[] UsageOfSplit = ["Training", "PublicTest", "PrivateTest"];

    /// <summary>A hash of the file's size and modification time.</summary>
    internal static byte[] Fingerprint(string path)
    {
        var file = new FileInfo(path);
        Span<byte> numbers = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(numbers, file.Length);
        BinaryPrimitives.WriteInt64LittleEndian(numbers[8..], file.LastWriteTimeUtc.Ticks);
        return SHA256.HashData(numbers);
    }

    /// <summary>Reads the rows of <paramref name="split"/>, checking every row of the file.</summary>
    /// <exception cref="DatasetFormatException">
    /// The header is missing, a row is malformed (the message names its 1-based line), or the split has no rows.
    /// </exception>
    internal static FaceDataset Read(string path, Fer2013Split split, IProgress<DatasetLoadProgress>? progress)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        var columns = Fer2013CsvColumns.Parse(path, reader.ReadLine());

        string usage = UsageOfSplit[(int)split];
        var pixels = new byte[FaceInputContract.PixelCount * 1024];
        var labels = new List<Emotion>();
        var sources = new List<string>();
        var otherSplitPixels = new byte[FaceInputContract.PixelCount];
        var reporter = new ProgressReporter(progress);
        long length = Math.Max(stream.Length, 1);
        int lineNumber = 1;
        Span<Range> fields = stackalloc Range[columns.Count + 1];
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            ReadOnlySpan<char> row = line;
            if (row.Split(fields, ',') != columns.Count)
            {
                throw RowError(path, lineNumber, $"expected {columns.Count} comma-separated fields as in the header");
            }

            Emotion emotion = ParseEmotion(Field(row, fields[columns.EmotionColumn]), path, lineNumber);
            ReadOnlySpan<char> rowUsage = Field(row, fields[columns.UsageColumn]);
            if (!UsageOfSplit.Contains(rowUsage.ToString(), StringComparer.Ordinal))
            {
                throw RowError(path, lineNumber, $"unknown Usage '{rowUsage}'; expected {string.Join(", ", UsageOfSplit)}");
            }

            bool wanted = rowUsage.SequenceEqual(usage);
            if (wanted && pixels.Length < (labels.Count + 1) * FaceInputContract.PixelCount)
            {
                Array.Resize(ref pixels, pixels.Length * 2);
            }

            Span<byte> destination = wanted
                ? pixels.AsSpan(labels.Count * FaceInputContract.PixelCount, FaceInputContract.PixelCount)
                : otherSplitPixels;
            ParsePixels(Field(row, fields[columns.PixelsColumn]), destination, path, lineNumber);
            if (wanted)
            {
                labels.Add(emotion);
                sources.Add($"{path}:{lineNumber.ToString(CultureInfo.InvariantCulture)}");
            }

            if (lineNumber % ProgressInterval == 0)
            {
                reporter.Report(labels.Count, Math.Min(1, (double)stream.Position / length));
            }
        }

        if (labels.Count == 0)
        {
            throw new DatasetFormatException($"{path}: no rows with Usage '{usage}'.");
        }

        Array.Resize(ref pixels, labels.Count * FaceInputContract.PixelCount);
        reporter.Report(labels.Count, 1);
        return new FaceDataset(pixels, [.. labels], sources);
    }

    private static ReadOnlySpan<char> Field(ReadOnlySpan<char> row, Range range) => row[range].Trim().Trim('"');

    private static Emotion ParseEmotion(ReadOnlySpan<char> field, string path, int lineNumber)
    {
        if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int code) || code >= EmotionOfCode.Length)
        {
            throw RowError(path, lineNumber, $"unknown emotion code '{field}'; expected 0 to {EmotionOfCode.Length - 1}");
        }

        return EmotionOfCode[code];
    }

    private static void ParsePixels(ReadOnlySpan<char> field, Span<byte> destination, string path, int lineNumber)
    {
        // A hand-rolled loop: the full challenge file holds 83 million pixel values.
        int count = 0;
        int tokenStart = -1;
        int value = 0;
        for (int i = 0; i <= field.Length; i++)
        {
            char c = i < field.Length ? field[i] : ' ';
            if (c is ' ' or '\t')
            {
                if (tokenStart >= 0)
                {
                    if (count < destination.Length)
                    {
                        destination[count] = (byte)value;
                    }

                    count++;
                    tokenStart = -1;
                    value = 0;
                }

                continue;
            }

            tokenStart = tokenStart < 0 ? i : tokenStart;
            value = (value * 10) + (c - '0');
            if (c is < '0' or > '9' || value > byte.MaxValue)
            {
                int tokenEnd = field[tokenStart..].IndexOfAny(' ', '\t');
                ReadOnlySpan<char> token = tokenEnd < 0 ? field[tokenStart..] : field.Slice(tokenStart, tokenEnd);
                throw RowError(path, lineNumber, $"pixel {count + 1} is '{token}', not an integer from 0 to 255");
            }
        }

        if (count != FaceInputContract.PixelCount)
        {
            throw RowError(path, lineNumber, $"{count} pixel values, expected {FaceInputContract.PixelCount} (48x48)");
        }
    }

    private static DatasetFormatException RowError(string path, int lineNumber, string problem) =>
        new($"{path}, line {lineNumber.ToString(CultureInfo.InvariantCulture)}: {problem}.");
}
