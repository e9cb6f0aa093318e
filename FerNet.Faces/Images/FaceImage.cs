using System.Globalization;
using FerNet.Inference;
using Microsoft.ML.Data;
using SkiaSharp;

namespace FerNet.Faces.Images;

/// <summary>
/// An opaque SkiaSharp copy of a decoded image, from which faces are cut out, turned upright and
/// drawn on. Its alpha channel is ignored, as the detector ignores it. Crops come out as opaque
/// BGRA <see cref="MLImage"/>s, the form <see cref="EmotionModel.Predict(MLImage)"/> scales to
/// 48 x 48 gray itself.
/// </summary>
internal sealed class FaceImage : IDisposable
{
    private static readonly SKSamplingOptions Bilinear = new(SKFilterMode.Linear, SKMipmapMode.None);

    private FaceImage(SKBitmap bitmap) => Bitmap = bitmap;

    /// <summary>The pixels, 32 bits each, opaque.</summary>
    public SKBitmap Bitmap { get; }

    /// <summary>The width in pixels.</summary>
    public int Width => Bitmap.Width;

    /// <summary>The height in pixels.</summary>
    public int Height => Bitmap.Height;

    /// <summary>A BGRA copy of <paramref name="image"/>'s pixels.</summary>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="image"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels.</exception>
    public static FaceImage From(MLImage image)
    {
        (int width, int height, byte[] bgr) = BgrPixels(image);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        Span<byte> bgra = bitmap.GetPixelSpan();
        for (int i = 0, j = 0; i < bgr.Length; i += 3, j += 4)
        {
            (bgra[j], bgra[j + 1], bgra[j + 2], bgra[j + 3]) = (bgr[i], bgr[i + 1], bgr[i + 2], 255);
        }

        return new FaceImage(bitmap);
    }

    /// <summary>
    /// The size and the blue, green, red bytes of <paramref name="image"/>, row after row. ML.NET's
    /// own <c>MLImage.Pixels</c> cannot be used: it calls a SkiaSharp 2.88 method that the SkiaSharp
    /// 3.119 FerNet runs on no longer has.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="image"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels.</exception>
    public static (int Width, int Height, byte[] Bgr) BgrPixels(MLImage image)
    {
        (int width, int height) = CheckedSize(image);
        return (width, height, image.GetBGRPixels);
    }

    /// <summary>The size of <paramref name="image"/>, checked before anything is copied or detected.</summary>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="image"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels.</exception>
    public static (int Width, int Height) CheckedSize(MLImage image)
    {
        int width;
        int height;
        try
        {
            (width, height) = (image.Width, image.Height);
        }
        catch (InvalidOperationException e)
        {
            // ML.NET reports a disposed image this way; to the caller it is a bad argument.
            throw new ArgumentException("The image has been disposed.", nameof(image), e);
        }

        ImageLimits.ThrowIfTooLarge(width, height, "The image");
        return (width, height);
    }

    /// <summary>Takes ownership of <paramref name="bitmap"/>, an opaque 32-bit BGRA or RGBA bitmap.</summary>
    public static FaceImage Own(SKBitmap bitmap) => new(bitmap);

    /// <summary>A copy scaled to <paramref name="width"/> x <paramref name="height"/> (each at least 1), averaging pixels when it shrinks.</summary>
    public FaceImage Resized(int width, int height)
    {
        var info = new SKImageInfo(Math.Max(1, width), Math.Max(1, height), Bitmap.ColorType, SKAlphaType.Opaque);
        return new FaceImage(Bitmap.Resize(info, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)));
    }

    /// <summary>The pixels of <paramref name="region"/>, which lies inside the image.</summary>
    public MLImage Crop(FaceBox region)
    {
        using var crop = new SKBitmap(new SKImageInfo(region.Width, region.Height, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(crop))
        {
            canvas.DrawBitmap(Bitmap, -region.X, -region.Y);
        }

        return ToMLImage(crop);
    }

    /// <summary>
    /// The square of side <paramref name="side"/> centred on (<paramref name="centreX"/>,
    /// <paramref name="centreY"/>), turned by <paramref name="degrees"/> anticlockwise as the image
    /// shows it, sampled bilinearly; pixels beyond the image's edges repeat its edge pixels. The
    /// mapping is OpenCV's <c>getRotationMatrix2D</c> and <c>warpAffine</c>, whose pixel centres
    /// lie on whole coordinates where Skia's lie half a pixel further.
    /// </summary>
    public MLImage RotatedSquare(double centreX, double centreY, int side, double degrees)
    {
        double radians = degrees * Math.PI / 180;
        double cos = Math.Cos(radians);
        double sin = Math.Sin(radians);

        // Source point p lands at A·p + t: A turns about the centre, t moves the centre to the square's.
        double translateX = (side / 2.0) - ((cos * centreX) + (sin * centreY));
        double translateY = (side / 2.0) - ((-sin * centreX) + (cos * centreY));

        // The same mapping between Skia's pixel centres: t + h - A·h with h = (0.5, 0.5).
        translateX += 0.5 - (0.5 * (cos + sin));
        translateY += 0.5 - (0.5 * (cos - sin));
        var matrix = new SKMatrix((float)cos, (float)sin, (float)translateX, (float)-sin, (float)cos, (float)translateY, 0, 0, 1);
        using var square = new SKBitmap(new SKImageInfo(side, side, SKColorType.Bgra8888, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(square))
        using (SKShader shader = Bitmap.ToShader(SKShaderTileMode.Clamp, SKShaderTileMode.Clamp, Bilinear, matrix))
        using (var paint = new SKPaint { Shader = shader, BlendMode = SKBlendMode.Src })
        {
            canvas.DrawRect(0, 0, side, side, paint);
        }

        return ToMLImage(square);
    }

    /// <inheritdoc/>
    public void Dispose() => Bitmap.Dispose();

    private static MLImage ToMLImage(SKBitmap bgra) =>
        MLImage.CreateFromPixels(bgra.Width, bgra.Height, MLPixelFormat.Bgra32, bgra.GetPixelSpan());
}
