using FerNet.Core;
using SkiaSharp;

namespace FerNet.Faces;

/// <summary>
/// The colour <see cref="FaceAnnotator"/> draws each emotion in, one per emotion: angry red
/// (#DC143C), disgust green (#2EA043), fear purple (#9467BD), happy yellow (#FFD700), neutral
/// gray (#BEBEBE), sad blue (#1F77B4), surprise orange (#FF7F0E).
/// </summary>
public static class EmotionColors
{
    /// <summary>The colour of <paramref name="emotion"/>, opaque.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not one of the seven emotions.</exception>
    public static SKColor Of(Emotion emotion) => emotion switch
    {
        Emotion.Angry => new SKColor(0xDC, 0x14, 0x3C),
        Emotion.Disgust => new SKColor(0x2E, 0xA0, 0x43),
        Emotion.Fear => new SKColor(0x94, 0x67, 0xBD),
        Emotion.Happy => new SKColor(0xFF, 0xD7, 0x00),
        Emotion.Neutral => new SKColor(0xBE, 0xBE, 0xBE),
        Emotion.Sad => new SKColor(0x1F, 0x77, 0xB4),
        Emotion.Surprise => new SKColor(0xFF, 0x7F, 0x0E),
        _ => throw new ArgumentOutOfRangeException(nameof(emotion), emotion, "Not one of the seven FER2013 emotions."),
    };
}
