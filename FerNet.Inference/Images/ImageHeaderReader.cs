using System.Buffers.Binary;

namespace FerNet.Inference.Images;

/// <summary>
/// Reads the dimensions of a JPEG, PNG, BMP, GIF or WebP image from its header, so that a
/// decompression bomb is refused before a decoder allocates anything. Formats that are images but
/// not supported are recognised by their signature and named in the error.
/// </summary>
internal static class ImageHeaderReader
{
    private static readonly (string Format, byte[] Signature)[] UnsupportedSignatures =
    [
        ("TIFF", "II*\0"u8.ToArray()),
        ("TIFF", "MM\0*"u8.ToArray()),
        ("ICO", [0, 0, 1, 0]),
        ("CUR", [0, 0, 2, 0]),
        ("PSD", "8BPS"u8.ToArray()),
        ("JPEG 2000", [0, 0, 0, 0x0C, 0x6A, 0x50, 0x20, 0x20]),
        ("JPEG 2000", [0xFF, 0x4F, 0xFF, 0x51]),
        ("JPEG XL", [0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20]),
        ("JPEG XL", [0xFF, 0x0A]),
        ("QOI", "qoif"u8.ToArray()),
    ];

    private static ReadOnlySpan<byte> JpegSignature => [0xFF, 0xD8, 0xFF];

    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Vp8StartCode => [0x9D, 0x01, 0x2A];

    /// <summary>Reads the header of <paramref name="data"/>.</summary>
    /// <param name="data">The encoded image, or at least its first bytes.</param>
    /// <param name="inputName">How error messages name the input, such as "Image file 'a.jpg'".</param>
    /// <exception cref="UnsupportedImageFormatException">The data is an image in a format that is not supported.</exception>
    /// <exception cref="InvalidImageException">The data is no image, or its header is cut short or malformed.</exception>
    public static ImageHeader Read(ReadOnlySpan<byte> data, string inputName)
    {
        if (data.StartsWith(JpegSignature))
        {
            return ReadJpeg(data, inputName);
        }

        if (data.StartsWith(PngSignature))
        {
            return ReadPng(data, inputName);
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            RequireLength(data, 10, "GIF", inputName);
            return new ImageHeader("GIF", BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
        }

        if (data.StartsWith("BM"u8))
        {
            return ReadBmp(data, inputName);
        }

        if (data.StartsWith("RIFF"u8) && data.Length >= 12 && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ReadWebP(data, inputName);
        }

        foreach ((string format, byte[] signature) in UnsupportedSignatures)
        {
            if (data.StartsWith(signature))
            {
                throw Unsupported(format, inputName);
            }
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = data[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                throw Unsupported("AVIF", inputName);
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8))
            {
                throw Unsupported("HEIF", inputName);
            }
        }

        // The file's own bytes stay out of the message: it may be shown or logged, and the file may be a secret.
        throw new InvalidImageException($"{inputName} is not an image: it starts as none of JPEG, PNG, BMP, GIF or WebP does.");
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data, string inputName)
    {
        int offset = 2;
        while (true)
        {
            RequireLength(data, offset + 2, "JPEG", inputName);
            if (data[offset] != 0xFF)
            {
                throw Corrupt("JPEG", inputName, $"a marker was expected at byte {offset}");
            }

            while (offset < data.Length && data[offset] == 0xFF)
            {
                offset++;
            }

            RequireLength(data, offset + 1, "JPEG", inputName);
            byte marker = data[offset++];
            bool standalone = marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7);
            if (standalone)
            {
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                throw Corrupt("JPEG", inputName, "it has no frame header before its image data");
            }

            RequireLength(data, offset + 2, "JPEG", inputName);
            int segmentLength = BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            if (segmentLength < 2)
            {
                throw Corrupt("JPEG", inputName, $"the segment at byte {offset} has length {segmentLength}");
            }

            bool startOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (startOfFrame)
            {
                RequireLength(data, offset + 7, "JPEG", inputName);
                return new ImageHeader("JPEG", BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 3)..]));
            }

            offset += segmentLength;
        }
    }

    private static ImageHeader ReadPng(ReadOnlySpan<byte> data, string inputName)
    {
        RequireLength(data, 24, "PNG", inputName);
        if (!data[12..16].SequenceEqual("IHDR"u8))
        {
            throw Corrupt("PNG", inputName, "its first chunk is not IHDR");
        }

        // Checked here because Skia reports a bad header CRC as input that ends early.
        RequireLength(data, 33, "PNG", inputName);
        uint stored = BinaryPrimitives.ReadUInt32BigEndian(data[29..]);
        uint computed = PngCrc.Compute(data[12..29]);
        if (stored != computed)
        {
            throw Corrupt("PNG", inputName, $"its IHDR chunk has a bad CRC (stored {stored:X8}, computed {computed:X8})");
        }

        return new ImageHeader("PNG", BinaryPrimitives.ReadUInt32BigEndian(data[16..]), BinaryPrimitives.ReadUInt32BigEndian(data[20..]));
    }

    private static ImageHeader ReadBmp(ReadOnlySpan<byte> data, string inputName)
    {
        RequireLength(data, 18, "BMP", inputName);
        uint infoHeaderSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (infoHeaderSize == 12)
        {
            RequireLength(data, 22, "BMP", inputName);
            return new ImageHeader("BMP", BinaryPrimitives.ReadUInt16LittleEndian(data[18..]), BinaryPrimitives.ReadUInt16LittleEndian(data[20..]));
        }

        RequireLength(data, 26, "BMP", inputName);
        int width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        if (width < 0)
        {
            throw Corrupt("BMP", inputName, $"its header gives a negative width ({width})");
        }

        // A negative height marks a top-down bitmap; the magnitude is the height.
        return new ImageHeader("BMP", width, Math.Abs((long)height));
    }

    private static ImageHeader ReadWebP(ReadOnlySpan<byte> data, string inputName)
    {
        RequireLength(data, 16, "WebP", inputName);
        ReadOnlySpan<byte> chunk = data[12..16];
        if (chunk.SequenceEqual("VP8 "u8))
        {
            RequireLength(data, 30, "WebP", inputName);
            if (!data[23..26].SequenceEqual(Vp8StartCode))
            {
                throw Corrupt("WebP", inputName, "its VP8 frame has no start code");
            }

            return new ImageHeader("WebP", BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            RequireLength(data, 25, "WebP", inputName);
            if (data[20] != 0x2F)
            {
                throw Corrupt("WebP", inputName, "its VP8L stream has no signature");
            }

            uint bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return new ImageHeader("WebP", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8X"u8))
        {
            RequireLength(data, 30, "WebP", inputName);
            return new ImageHeader("WebP", ReadUInt24LittleEndian(data[24..]) + 1, ReadUInt24LittleEndian(data[27..]) + 1);
        }

        throw Corrupt("WebP", inputName, $"its first chunk '{System.Text.Encoding.ASCII.GetString(chunk)}' is not VP8, VP8L or VP8X");
    }

    private static long ReadUInt24LittleEndian(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);

    private static void RequireLength(ReadOnlySpan<byte> data, int length, string format, string inputName)
    {
        if (data.Length < length)
        {
            throw new InvalidImageException($"{inputName} is a truncated {format} image: it ends after {data.Length} bytes, inside its header.");
        }
    }

    private static InvalidImageException Corrupt(string format, string inputName, string fault) =>
        new($"{inputName} is a corrupt {format} image: {fault}.");

    private static UnsupportedImageFormatException Unsupported(string format, string inputName) =>
        new(format, $"{inputName} is a {format} image; FerNet reads JPEG, PNG, BMP, GIF and WebP. Convert it to one of these first.");
}
