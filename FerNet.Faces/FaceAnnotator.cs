using System.Globalization;
using FerNet.Core;
using FerNet.Common.IO;
using FerNet.Faces.Images;
using FerNet.Inference;
using Microsoft.ML.Data;
using SkiaSharp;

namespace FerNet.Faces;

/// <summary>
/// Draws what a <see cref="FaceEmotionAnalyzer"/> found, with SkiaSharp: a box around every face in
/// its emotion's colour (<see cref="EmotionColors"/>) and a label "happy: 92.1 %" on a strip of that
/// colour above the box (inside it when the box touches the top edge). Line widths and text grow
/// with the image, so labels stay readable on a phone photo and a webcam frame alike. The text is
/// set in the platform's default typeface; where none is installed (a bare Linux container), the
/// strips are drawn without it.
/// </summary>
public static class FaceAnnotator
{
    /// <summary>Draws the faces onto <paramref name="bitmap"/> itself.</summary>
    /// <param name="bitmap">The image to draw on, changed in place.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Draw(SKBitmap bitmap, IEnumerable<FaceEmotion> faces)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        ArgumentNullException.ThrowIfNull(faces);
        int shortSide = Math.Min(bitmap.Width, bitmap.Height);
        int boxThickness = Math.Max(2, (int)Math.Round(shortSide / 270.0));
        float textSize = (float)Math.Clamp(shortSide / 900.0, 0.4, 4.0) * 22f;
        using var canvas = new SKCanvas(bitmap);
        using var font = new SKFont(SKTypeface.Default, textSize);
        foreach (FaceEmotion face in faces)
        {
            SKColor colour = EmotionColors.Of(face.Prediction.Emotion);
            FaceBox box = face.Box;

            // The stroke lies inside the box, as OpenCV's rectangle of that thickness lies about its edge.
            float inset = boxThickness / 2f;
            using var stroke = new SKPaint { Color = colour, Style = SKPaintStyle.Stroke, StrokeWidth = boxThickness, IsAntialias = false };
            canvas.DrawRect(new SKRect(box.X + inset - 0.5f, box.Y + inset - 0.5f, box.Right - inset + 0.5f, box.Bottom - inset + 0.5f), stroke);
            DrawLabel(canvas, bitmap.Width, box, Label(face.Prediction), colour, font);
        }
    }

    /// <summary>Writes a copy of <paramref name="image"/> with the faces drawn on it; <paramref name="image"/> itself is not changed.</summary>
    /// <param name="image">The image the faces were found in.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <param name="outputPath">A .png, .jpg or .jpeg file; written whole or not at all.</param>
    /// <exception cref="ArgumentException">The image has been disposed, or the extension is none of those.</exception>
    public static void Write(MLImage image, IEnumerable<FaceEmotion> faces, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(image);
        SKEncodedImageFormat format = EncoderFormat(outputPath);
        using FaceImage copy = FaceImage.From(image);
        Draw(copy.Bitmap, faces);
        WriteEncoded(copy.Bitmap, format, outputPath);
    }

    /// <summary>Writes a copy of the image file <paramref name="imagePath"/> with the faces drawn on it, decoded as <see cref="FaceEmotionAnalyzer.Analyze(string)"/> decodes it.</summary>
    /// <param name="imagePath">The photo the faces were found in.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <param name="outputPath">A .png, .jpg or .jpeg file; written whole or not at all.</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="imagePath"/>.</exception>
    /// <exception cref="InvalidImageException">The file is no usable image.</exception>
    /// <exception cref="ArgumentException">The output's extension is not .png, .jpg or .jpeg.</exception>
    public static void WriteFile(string imagePath, IEnumerable<FaceEmotion> faces, string outputPath)
    {
        EncoderFormat(outputPath);
        using MLImage decoded = ImageLoader.Load(imagePath);
        Write(decoded, faces, outputPath);
    }

    /// <summary>Encodes <paramref name="bitmap"/> as PNG or JPEG by <paramref name="outputPath"/>'s extension and writes it whole or not at all.</summary>
    /// <param name="bitmap">The image.</param>
    /// <param name="outputPath">A .png, .jpg or .jpeg file.</param>
    /// <exception cref="ArgumentException">The extension is none of those.</exception>
    public static void WriteImage(SKBitmap bitmap, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(bitmap);
        WriteEncoded(bitmap, EncoderFormat(outputPath), outputPath);
    }

    /// <summary>The label drawn over a face: the emotion's name and its probability, "happy: 92.1 %" (invariant culture).</summary>
    /// <param name="prediction">The face's prediction.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prediction"/> is null.</exception>
    public static string Label(EmotionPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return string.Create(CultureInfo.InvariantCulture, $"{EmotionLabels.Name(prediction.Emotion)}: {prediction.Probability * 100:0.0} %");
    }

    private static SKEncodedImageFormat EncoderFormat(string outputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        return Path.GetExtension(outputPath).ToLowerInvariant() switch
        {
            ".png" => SKEncodedImageFormat.Png,
            ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
            _ => throw new ArgumentException($"Annotated image '{outputPath}' must end in .png, .jpg or .jpeg: its extension chooses the format.", nameof(outputPath)),
        };
    }

    private static void WriteEncoded(SKBitmap bitmap, SKEncodedImageFormat format, string outputPath)
    {
        using SKData encoded = bitmap.Encode(format, quality: 95)
            ?? throw new IOException($"Annotated image '{outputPath}' could not be encoded as {format}.");
        AtomicFile.WriteAllBytes(outputPath, encoded.ToArray());
    }

    private static void DrawLabel(SKCanvas canvas, int imageWidth, FaceBox box, string text, SKColor colour, SKFont font)
    {
        float textWidth = font.MeasureText(text);
        SKFontMetrics metrics = font.Metrics;
        int textHeight = (int)Math.Ceiling(metrics.CapHeight > 0 ? metrics.CapHeight : font.Size * 0.7f);
        int descent = (int)Math.Ceiling(Math.Max(metrics.Descent, font.Size * 0.2f));
        int padding = Math.Max(2, textHeight / 4);
        int stripHeight = textHeight + descent + (2 * padding);
        int stripWidth = (int)Math.Ceiling(textWidth) + (2 * padding);
        int left = Math.Clamp(box.X, 0, Math.Max(0, imageWidth - stripWidth));
        int top = box.Y - stripHeight >= 0 ? box.Y - stripHeight : Math.Max(0, box.Y);
        using var fill = new SKPaint { Color = colour, Style = SKPaintStyle.Fill, IsAntialias = false };
        canvas.DrawRect(SKRect.Create(left, top, stripWidth, stripHeight), fill);

        // Dark text on light colours, white on dark ones, by the colour's luminance.
        double luminance = (0.0722 * colour.Blue) + (0.7152 * colour.Green) + (0.2126 * colour.Red);
        using var ink = new SKPaint { Color = luminance > 140 ? SKColors.Black : SKColors.White, IsAntialias = true };
        canvas.DrawText(text, left + padding, top + padding + textHeight, SKTextAlign.Left, font, ink);
    }
}
