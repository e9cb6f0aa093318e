using System.Buffers.Binary;

namespace FerNet.Testing.Images;

/// <summary>
/// Adds an EXIF orientation tag to a JPEG, written byte by byte as a camera writes it: an APP1
/// segment right after the start-of-image marker holding "Exif\0\0", a big-endian TIFF header and
/// one image file directory with the single entry Orientation (tag 0x0112, SHORT).
/// </summary>
public static class ExifJpeg
{
    public static byte[] WithOrientation(byte[] jpeg, ushort orientation)
    {
        Assert.True(jpeg[0] == 0xFF && jpeg[1] == 0xD8, "Not a JPEG.");
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian, first directory at 8
            0x00, 0x01,                                              // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01,          // Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0x00, 0x00,  // the value, padded to 4 bytes
            0x00, 0x00, 0x00, 0x00,                                  // no next directory
        ];
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var segment = new byte[4 + payload.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(2 + payload.Length));
        payload.CopyTo(segment, 4);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
