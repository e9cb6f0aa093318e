using System.Buffers.Binary;

namespace FerNet.Testing.Images;

/// <summary>Hand-made image headers: valid signatures around dimensions no encoder would write.</summary>
public static class CraftedImages
{
    /// <summary>A PNG signature and IHDR chunk (with a correct CRC) claiming <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] PngHeader(uint width, uint height)
    {
        var bytes = new byte[8 + 25];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        Span<byte> chunk = bytes.AsSpan(8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk, 13);
        "IHDR"u8.CopyTo(chunk[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[8..], width);
        BinaryPrimitives.WriteUInt32BigEndian(chunk[12..], height);
        chunk[16] = 8;
        BinaryPrimitives.WriteUInt32BigEndian(chunk[21..], PngCrc(chunk[4..21]));
        return bytes;
    }

    /// <summary>A real JPEG whose frame header is rewritten to claim <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] JpegClaiming(byte[] jpeg, ushort width, ushort height)
    {
        byte[] bytes = (byte[])jpeg.Clone();
        for (int i = 2; i < bytes.Length - 8; i++)
        {
            if (bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(i + 7), width);
                return bytes;
            }
        }

        throw new ArgumentException("The JPEG has no baseline or progressive frame header.", nameof(jpeg));
    }

    public static byte[] GifHeader(ushort width, ushort height)
    {
        var bytes = new byte[13];
        "GIF89a"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(6), width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), height);
        return bytes;
    }

    public static byte[] BmpHeader(int width, int height)
    {
        var bytes = new byte[54];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), height);
        return bytes;
    }

    /// <summary>An extended WebP header (VP8X) claiming a canvas of <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static byte[] WebPHeader(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), 22);
        "WEBP"u8.CopyTo(bytes.AsSpan(8));
        "VP8X"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 10);
        WriteUInt24(bytes.AsSpan(24), width - 1);
        WriteUInt24(bytes.AsSpan(27), height - 1);
        return bytes;
    }

    private static uint PngCrc(ReadOnlySpan<byte> data)
    {
        uint crc = uint.MaxValue;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteUInt24(Span<byte> destination, int value)
    {
        destination[0] = (byte)value;
        destination[1] = (byte)(value >> 8);
        destination[2] = (byte)(value >> 16);
    }
}
