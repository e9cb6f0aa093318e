using FerNet.Core;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Inference;
using FerNet.Testing.Files;
using OpenCvSharp;
using SkiaSharp;

namespace FerNet.Faces.Video.Tests;

/// <summary>Boxes and labels drawn over faces, in their emotion's colour, written whole.</summary>
public sealed class AnnotationTests
{
    private static readonly Scalar Canvas = new(40, 40, 40);

    [Fact]
    public void TheWrittenPngHasEachBoxInItsEmotionsColourAndLeavesTheRestAlone()
    {
        using var folder = new TemporaryDirectory();
        using var image = new Mat(480, 640, MatType.CV_8UC3, Canvas);
        FaceEmotion happy = Face(new FaceBox(100, 150, 120, 140), Emotion.Happy);
        FaceEmotion sad = Face(new FaceBox(400, 200, 100, 100), Emotion.Sad);
        string path = folder.Combine("annotated.png");

        FrameAnnotator.Write(image, [happy, sad], path);

        using Mat written = Cv2.ImRead(path, ImreadModes.Color);
        Assert.Equal(image.Size(), written.Size());
        foreach (FaceEmotion face in new[] { happy, sad })
        {
            Vec3b colour = ToVec(EmotionColors.Of(face.Prediction.Emotion));
            FaceBox box = face.Box;
            Assert.Equal(colour, written.At<Vec3b>(box.Y + (box.Height / 2), box.X));
            Assert.Equal(colour, written.At<Vec3b>(box.Y + (box.Height / 2), box.Right - 1));
            Assert.Equal(colour, written.At<Vec3b>(box.Bottom - 1, box.X + (box.Width / 2)));
            Assert.Equal(colour, written.At<Vec3b>(box.Y - 2, box.X + 2));
            Assert.Equal(ToVec(Canvas), written.At<Vec3b>(box.Y + (box.Height / 2), box.X + (box.Width / 2)));
        }

        Assert.NotEqual(EmotionColors.Of(Emotion.Happy), EmotionColors.Of(Emotion.Sad));
        Assert.Equal(ToVec(Canvas), image.At<Vec3b>(150 + 70, 100));
        Assert.Equal(["annotated.png"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void EverySevenEmotionsHasItsOwnColour()
    {
        Assert.Equal(EmotionLabels.Count, EmotionLabels.All.Select(EmotionColors.Of).Distinct().Count());
    }

    [Fact]
    public void TheLabelSaysTheEmotionAndItsPercentage()
    {
        Assert.Equal("happy: 92.1 %", FaceAnnotator.Label(Prediction(Emotion.Happy, 0.921f)));
        Assert.Equal("surprise: 100.0 %", FaceAnnotator.Label(Prediction(Emotion.Surprise, 1f)));
    }

    [Fact]
    public void AFaceAtTheTopEdgeGetsItsLabelInsideTheBox()
    {
        using var image = new Mat(300, 300, MatType.CV_8UC3, Canvas);
        FaceEmotion face = Face(new FaceBox(50, 0, 150, 150), Emotion.Angry);

        FrameAnnotator.Draw(image, [face]);

        // Inside the box, clear of its border lines: only the label strip can have the colour there.
        Vec3b angry = ToVec(EmotionColors.Of(Emotion.Angry));
        int labelPixels = 0;
        for (int y = 4; y < 20; y++)
        {
            for (int x = 54; x < 190; x++)
            {
                labelPixels += image.At<Vec3b>(y, x) == angry ? 1 : 0;
            }
        }

        Assert.True(labelPixels > 200, $"Only {labelPixels} pixels of the label strip inside the box.");
    }

    [Fact]
    public void JpegOutputIsWrittenAndOtherExtensionsAreRefused()
    {
        using var folder = new TemporaryDirectory();
        using var image = new Mat(200, 200, MatType.CV_8UC3, Canvas);
        FaceEmotion face = Face(new FaceBox(50, 60, 80, 80), Emotion.Neutral);

        FrameAnnotator.Write(image, [face], folder.Combine("a.jpg"));
        ArgumentException refused = Assert.Throws<ArgumentException>(() => FrameAnnotator.Write(image, [face], folder.Combine("a.tiff")));

        using Mat written = Cv2.ImRead(folder.Combine("a.jpg"));
        Assert.Equal(new Size(200, 200), written.Size());
        Assert.Contains("a.tiff", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(folder.Combine("a.tiff")));
    }

    private static FaceEmotion Face(FaceBox box, Emotion emotion) => new(box, 0.9f, Prediction(emotion, 0.8f));

    private static EmotionPrediction Prediction(Emotion emotion, float probability)
    {
        var probabilities = new float[EmotionLabels.Count];
        Array.Fill(probabilities, (1f - probability) / (EmotionLabels.Count - 1));
        probabilities[(int)emotion] = probability;
        return new EmotionPrediction(probabilities);
    }

    private static Vec3b ToVec(Scalar colour) => new((byte)colour.Val0, (byte)colour.Val1, (byte)colour.Val2);

    private static Vec3b ToVec(SKColor colour) => new(colour.Blue, colour.Green, colour.Red);
}
