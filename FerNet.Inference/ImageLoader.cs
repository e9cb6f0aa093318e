using FerNet.Inference.Images;
using Microsoft.ML.Data;

namespace FerNet.Inference;

/// <summary>
/// Decodes photos and face crops the way <see cref="EmotionModel"/> does: the header is checked against
/// <see cref="ImageLimits"/> before any pixel is decoded, only a complete decode is accepted, and
/// the EXIF orientation is applied, so the image comes out upright. Use it
/// where an image is needed for more than one prediction, such as finding faces in a photo.
/// </summary>
/// <remarks>The caller owns the returned <see cref="MLImage"/> and disposes it.</remarks>
public static class ImageLoader
{
    /// <summary>Reads and decodes the image file at <paramref name="imagePath"/> (JPEG, PNG, BMP, GIF or WebP).</summary>
    /// <param name="imagePath">The path of the image file.</param>
    /// <returns>The decoded image, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="imagePath"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="imagePath"/> is empty or blank.</exception>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="imagePath"/>.</exception>
    /// <exception cref="InvalidImageException">The file is empty or no regular file (a device, FIFO or socket, which is not opened), no image, truncated or corrupt, or has zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The file is an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The file exceeds <see cref="ImageLimits"/>.</exception>
    public static MLImage Load(string imagePath) => ImageDecoder.DecodeFile(imagePath);

    /// <summary>Decodes the encoded image read from <paramref name="image"/>'s position to its end.</summary>
    /// <param name="image">A readable stream; it is read but not disposed.</param>
    /// <returns>The decoded image, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> cannot be read.</exception>
    /// <exception cref="InvalidImageException">The stream is empty, no image, truncated or corrupt, or has zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The stream holds an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The image exceeds <see cref="ImageLimits"/>.</exception>
    public static MLImage Load(Stream image) => ImageDecoder.DecodeStream(image);

    /// <summary>Decodes an encoded image (the bytes of a JPEG, PNG, BMP, GIF or WebP file).</summary>
    /// <param name="image">The encoded image.</param>
    /// <returns>The decoded image, owned by the caller.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="InvalidImageException">The bytes are empty, no image, truncated or corrupt, or have zero width or height.</exception>
    /// <exception cref="UnsupportedImageFormatException">The bytes are an image in another format, such as TIFF or HEIF.</exception>
    /// <exception cref="ImageTooLargeException">The image exceeds <see cref="ImageLimits"/>.</exception>
    public static MLImage Load(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return ImageDecoder.Decode(image, "The image byte array");
    }
}
