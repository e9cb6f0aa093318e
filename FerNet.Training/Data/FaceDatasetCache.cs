using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using FerNet.Core;
using FerNet.Common.IO;

namespace FerNet.Training.Data;

/// <summary>
/// Decoded datasets on disk, so that loading one again costs a sequential read instead of
/// decoding thousands of images. A cache file holds, little-endian: the magic "FERNETDS", the
/// format version, the source's 32-byte fingerprint, the image count, the byte length of the
/// sources; then the labels (one byte each), the pixels, the sources as UTF-8 separated by NUL,
/// and a SHA-256 of everything before it. A file that is stale, truncated or fails its checksum
/// is never trusted, and failing to write one is not an error: the cache only ever saves time.
/// </summary>
internal static class FaceDatasetCache
{
    // Raised whenever decoding changes the pixels an image gives (version 2 centre-crops non-square
    // images instead of stretching them), so a cache of other pixels is never read.
    private const int FormatVersion = 2;
    private const int FingerprintLength = 32;
    private const int HeaderLength = 8 + 4 + FingerprintLength + 4 + 4;
    private const int ChecksumLength = 32;
    private const char SourceSeparator = '\0';

    private static ReadOnlySpan<byte> Magic => "FERNETDS"u8;

    /// <summary>The dataset cached in <paramref name="file"/> for a source with <paramref name="fingerprint"/>, or null.</summary>
    internal static FaceDataset? TryRead(string file, ReadOnlySpan<byte> fingerprint)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> header = stackalloc byte[HeaderLength];
            if (!ReadHashed(stream, header, checksum)
                || !header[..8].SequenceEqual(Magic)
                || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != FormatVersion
                || !header.Slice(12, FingerprintLength).SequenceEqual(fingerprint))
            {
                return null;
            }

            int count = BinaryPrimitives.ReadInt32LittleEndian(header[(12 + FingerprintLength)..]);
            int sourcesLength = BinaryPrimitives.ReadInt32LittleEndian(header[(16 + FingerprintLength)..]);
            long expectedLength = HeaderLength + ((long)count * (1 + FaceInputContract.PixelCount)) + sourcesLength + ChecksumLength;
            if (count <= 0 || count > Array.MaxLength / FaceInputContract.PixelCount || sourcesLength < 0 || stream.Length != expectedLength)
            {
                return null;
            }

            var labelBytes = new byte[count];
            var pixels = new byte[count * FaceInputContract.PixelCount];
            var sourceBytes = new byte[sourcesLength];
            Span<byte> storedChecksum = stackalloc byte[ChecksumLength];
            if (!ReadHashed(stream, labelBytes, checksum)
                || !ReadHashed(stream, pixels, checksum)
                || !ReadHashed(stream, sourceBytes, checksum)
                || stream.ReadAtLeast(storedChecksum, ChecksumLength, throwOnEndOfStream: false) != ChecksumLength
                || !storedChecksum.SequenceEqual(checksum.GetHashAndReset()))
            {
                return null;
            }

            string[] sources = Encoding.UTF8.GetString(sourceBytes).Split(SourceSeparator);
            if (sources.Length != count || labelBytes.Any(label => label >= EmotionLabels.Count))
            {
                return null;
            }

            return new FaceDataset(pixels, [.. labelBytes.Select(label => (Emotion)label)], sources);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Writes <paramref name="dataset"/> to <paramref name="file"/> through a temporary file and a
    /// rename, so that readers never see half a file. Does nothing when the folder is not writable.
    /// </summary>
    internal static void TryWrite(string file, ReadOnlySpan<byte> fingerprint, FaceDataset dataset)
    {
        IReadOnlyList<string> sources = dataset.Sources
            ?? throw new ArgumentException("Only datasets that know their sources are cached.", nameof(dataset));
        byte[] sourceBytes = Encoding.UTF8.GetBytes(string.Join(SourceSeparator, sources));
        byte[] header = new byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), FormatVersion);
        fingerprint.CopyTo(header.AsSpan(12));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12 + FingerprintLength), dataset.Count);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16 + FingerprintLength), sourceBytes.Length);
        byte[] labelBytes = [.. dataset.Labels.ToArray().Select(label => (byte)label)];

        try
        {
            AtomicFile.Write(file, stream =>
            {
                using var checksum = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
                WriteHashed(stream, header, checksum);
                WriteHashed(stream, labelBytes, checksum);
                WriteHashed(stream, dataset.Pixels, checksum);
                WriteHashed(stream, sourceBytes, checksum);
                stream.Write(checksum.GetHashAndReset());
            });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs the next load its speed.
        }
    }

    private static bool ReadHashed(Stream stream, Span<byte> buffer, IncrementalHash checksum)
    {
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) != buffer.Length)
        {
            return false;
        }

        checksum.AppendData(buffer);
        return true;
    }

    private static void WriteHashed(Stream stream, ReadOnlySpan<byte> buffer, IncrementalHash checksum)
    {
        stream.Write(buffer);
        checksum.AppendData(buffer);
    }
}
