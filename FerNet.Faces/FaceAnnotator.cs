using System.Globalization;
using FerNet.Core;
using FerNet.Core.IO;
using FerNet.Faces.Images;
using FerNet.Inference;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces;

/// <summary>
/// Draws what a <see cref="FaceEmotionAnalyzer"/> found: a box around every face in its emotion's
/// colour (<see cref="EmotionColors"/>) and a label "happy: 92.1 %" on a strip of that colour
/// above the box (inside it when the box touches the top edge). Line widths and text grow with the
/// image, so labels stay readable on a phone photo and a webcam frame alike.
/// </summary>
public static class FaceAnnotator
{
    private const HersheyFonts Font = HersheyFonts.HersheySimplex;

    /// <summary>Draws the faces onto <paramref name="image"/> itself.</summary>
    /// <param name="image">An 8-bit BGR image (CV_8UC3), changed in place.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty or not 8-bit BGR.</exception>
    public static void Draw(Mat image, IEnumerable<FaceEmotion> faces)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"Annotations are drawn on a non-empty 8-bit BGR image (CV_8UC3); got {image.Type()}.", nameof(image));
        }

        int shortSide = Math.Min(image.Width, image.Height);
        int boxThickness = Math.Max(2, (int)Math.Round(shortSide / 270.0));
        double fontScale = Math.Clamp(shortSide / 900.0, 0.4, 4.0);
        int textThickness = Math.Max(1, (int)Math.Round(fontScale * 1.6));
        foreach (FaceEmotion face in faces)
        {
            Scalar colour = EmotionColors.Of(face.Prediction.Emotion);
            var box = new Rect(face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height);
            Cv2.Rectangle(image, box, colour, boxThickness, LineTypes.Link8);
            DrawLabel(image, box, Label(face.Prediction), colour, fontScale, textThickness);
        }
    }

    /// <summary>Writes a copy of <paramref name="image"/> with the faces drawn on it; <paramref name="image"/> itself is not changed.</summary>
    /// <param name="image">The image the faces were found in: 8-bit gray, BGR or BGRA.</param>
    /// <param name="faces">The faces to draw.</param>
    /// <param name="outputPath">A .png, .jpg or .jpeg file; written whole or not at all.</param>
    /// <exception cref="ArgumentException">The image is empty or of another pixel type, or the extension is none of those.</exception>
    public static void Write(Mat image, IEnumerable<FaceEmotion> faces, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(image);
        string extension = EncoderExtension(outputPath);
        Mat bgr = FrameImages.AsBgr(image, out bool converted);
        using Mat canvas = converted ? bgr : bgr.Clone();
        Draw(canvas, faces);
        Cv2.ImEncode(extension, canvas, out byte[] encoded);
        AtomicFile.WriteAllBytes(outputPath, encoded);
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
        EncoderExtension(outputPath);
        using MLImage decoded = ImageLoader.Load(imagePath);
        using Mat bgr = FrameImages.ToBgrMat(decoded);
        Write(bgr, faces, outputPath);
    }

    /// <summary>The label drawn over a face: the emotion's name and its probability, "happy: 92.1 %" (invariant culture).</summary>
    /// <param name="prediction">The face's prediction.</param>
    /// <exception cref="ArgumentNullException"><paramref name="prediction"/> is null.</exception>
    public static string Label(EmotionPrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return string.Create(CultureInfo.InvariantCulture, $"{EmotionLabels.Name(prediction.Emotion)}: {prediction.Probability * 100:0.0} %");
    }

    private static string EncoderExtension(string outputPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        string extension = Path.GetExtension(outputPath).ToLowerInvariant();
        return extension is ".png" or ".jpg" or ".jpeg"
            ? extension
            : throw new ArgumentException($"Annotated image '{outputPath}' must end in .png, .jpg or .jpeg: its extension chooses the format.", nameof(outputPath));
    }

    private static void DrawLabel(Mat image, Rect box, string text, Scalar colour, double fontScale, int thickness)
    {
        Size textSize = Cv2.GetTextSize(text, Font, fontScale, thickness, out int baseline);
        int padding = Math.Max(2, textSize.Height / 4);
        int stripHeight = textSize.Height + baseline + (2 * padding);
        int stripWidth = textSize.Width + (2 * padding);
        int left = Math.Clamp(box.X, 0, Math.Max(0, image.Width - stripWidth));
        int top = box.Y - stripHeight >= 0 ? box.Y - stripHeight : Math.Max(0, box.Y);
        Cv2.Rectangle(image, new Rect(left, top, stripWidth, stripHeight), colour, thickness: -1);

        // Dark text on light colours, white on dark ones, by the colour's luminance.
        double luminance = (0.0722 * colour.Val0) + (0.7152 * colour.Val1) + (0.2126 * colour.Val2);
        Scalar ink = luminance > 140 ? Scalar.Black : Scalar.White;
        Cv2.PutText(image, text, new Point(left + padding, top + padding + textSize.Height), Font, fontScale, ink, thickness, LineTypes.AntiAlias);
    }
}
