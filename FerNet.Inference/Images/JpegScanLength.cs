using System.Buffers.Binary;
using System.Globalization;

namespace FerNet.Inference.Images;

/// <summary>
/// Refuses a JPEG whose entropy-coded data is too short to hold every 8 x 8 block its frame header
/// declares. libjpeg-turbo, and so Skia, decodes a scan that stops early at a marker (a file cut
/// short and given an end marker, or a 1.6 KB header that claims 5000 x 5000) without an error, filling
/// the missing blocks with gray. Every block of a Huffman-coded sequential scan costs at least two
/// bits (a DC code and an end-of-block code), and every block of a progressive image at least one
/// (its DC code in the first DC scan), so fewer bits than that prove the data was cut. A scan cut
/// after that bound is not detected: it decodes with its last rows gray.
/// </summary>
internal static class JpegScanLength
{
    private const byte StartOfScan = 0xDA;
    private const byte EndOfImage = 0xD9;

    /// <summary>Throws when the scan data of <paramref name="data"/>, a JPEG, is shorter than its blocks need.</summary>
    /// <exception cref="InvalidImageException">The scan data is cut short.</exception>
    public static void Check(ReadOnlySpan<byte> data, string inputName)
    {
        Frame? frame = null;
        long scanBytes = 0;
        int offset = 2;
        while (offset + 1 < data.Length)
        {
            if (data[offset] != 0xFF)
            {
                // Malformed: Skia reports it.
                return;
            }

            while (offset < data.Length && data[offset] == 0xFF)
            {
                offset++;
            }

            if (offset + 2 >= data.Length)
            {
                break;
            }

            byte marker = data[offset++];
            if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (marker == EndOfImage)
            {
                break;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            if (length < 2 || offset + length > data.Length)
            {
                break;
            }

            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                frame = Frame.Read(marker, data.Slice(offset + 2, length - 2));
            }

            offset += length;
            if (marker == StartOfScan)
            {
                int end = EndOfScan(data, offset);
                scanBytes += end - offset;
                offset = end;
            }
        }

        if (frame is not { } declared || declared.MinimumBitsPerBlock == 0)
        {
            return;
        }

        long neededBytes = ((declared.Blocks * declared.MinimumBitsPerBlock) + 7) / 8;
        if (scanBytes < neededBytes)
        {
            throw new InvalidImageException(string.Create(
                CultureInfo.InvariantCulture,
                $"{inputName} is a truncated JPEG image: its image data has {scanBytes:N0} bytes, fewer than the {neededBytes:N0} that its {declared.Blocks:N0} blocks of 8 x 8 pixels need at the least, so it was cut short (perhaps given a new end marker) or its header claims a size its data does not hold."));
        }
    }

    // The entropy-coded data runs to the first marker that is neither a stuffed 0xFF (FF 00) nor a restart marker.
    private static int EndOfScan(ReadOnlySpan<byte> data, int offset)
    {
        for (int i = offset; i + 1 < data.Length; i++)
        {
            if (data[i] == 0xFF && data[i + 1] != 0x00 && data[i + 1] is not (>= 0xD0 and <= 0xD7) && data[i + 1] != 0xFF)
            {
                return i;
            }
        }

        return data.Length;
    }

    private readonly record struct Frame(long Blocks, int MinimumBitsPerBlock)
    {
        public static Frame? Read(byte marker, ReadOnlySpan<byte> segment)
        {
            if (segment.Length < 6)
            {
                return null;
            }

            int height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
            int width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
            int count = segment[5];
            if (segment.Length < 6 + (3 * count) || count == 0)
            {
                return null;
            }

            int maxH = 1;
            int maxV = 1;
            for (int c = 0; c < count; c++)
            {
                byte sampling = segment[6 + (3 * c) + 1];
                maxH = Math.Max(maxH, sampling >> 4);
                maxV = Math.Max(maxV, sampling & 0x0F);
            }

            long blocks = 0;
            for (int c = 0; c < count; c++)
            {
                byte sampling = segment[6 + (3 * c) + 1];
                long componentWidth = CeilingDivide((long)width * Math.Max(1, sampling >> 4), maxH);
                long componentHeight = CeilingDivide((long)height * Math.Max(1, sampling & 0x0F), maxV);
                blocks += CeilingDivide(componentWidth, 8) * CeilingDivide(componentHeight, 8);
            }

            // Huffman-coded only: baseline and extended sequential (C0, C1) need two bits a block,
            // progressive (C2) one. Arithmetic coding and lossless frames have no such bound.
            int minimumBits = marker switch
            {
                0xC0 or 0xC1 => 2,
                0xC2 => 1,
                _ => 0,
            };
            return new Frame(blocks, minimumBits);
        }

        private static long CeilingDivide(long value, long divisor) => (value + divisor - 1) / divisor;
    }
}
