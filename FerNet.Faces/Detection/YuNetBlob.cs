namespace FerNet.Faces.Detection;

/// <summary>
/// YuNet's input as OpenCV's <c>FaceDetectorYN</c> builds it: the image padded with black on the
/// right and bottom to sides that are multiples of 32, as planar BGR floats from 0 to 255.
/// </summary>
internal static class YuNetBlob
{
    /// <summary>The blob of BGR (3 bytes a pixel) or BGRA (4) pixels, rows packed, and its padded sides.</summary>
    public static float[] From(ReadOnlySpan<byte> pixels, int width, int height, int bytesPerPixel, out int paddedWidth, out int paddedHeight)
    {
        paddedWidth = Padded(width);
        paddedHeight = Padded(height);
        int plane = paddedWidth * paddedHeight;
        var blob = new float[3 * plane];
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<byte> row = pixels.Slice(y * width * bytesPerPixel, width * bytesPerPixel);
            int at = y * paddedWidth;
            for (int x = 0; x < width; x++)
            {
                blob[at + x] = row[x * bytesPerPixel];
                blob[plane + at + x] = row[(x * bytesPerPixel) + 1];
                blob[(2 * plane) + at + x] = row[(x * bytesPerPixel) + 2];
            }
        }

        return blob;
    }

    private static int Padded(int side) => ((side - 1) / YuNetOutputs.Divisor + 1) * YuNetOutputs.Divisor;
}
