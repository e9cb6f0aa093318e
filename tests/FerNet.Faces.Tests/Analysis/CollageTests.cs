using FerNet.Core;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Faces.Analysis;
using FerNet.Faces.Images;
using FerNet.Inference;
using FerNet.Faces.Tests.Images;
using FerNet.Testing.Data;
using FerNet.Testing.Faces;
using FerNet.Testing.Files;
using FerNet.Testing.Models;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Analysis;

/// <summary>Faces found and classified in a collage of real FER2013 faces at known places.</summary>
public sealed class CollageTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    [Fact]
    public void FindsAtLeastNinetyPercentOfTheFacesWithIoUOfAtLeastHalf()
    {
        FaceBox[] expected = [.. collage.Pasted.Select(FaceCanvas.ExpectedBox)];
        int matched = expected.Count(box => collage.Found.Any(face => face.Box.IntersectionOverUnion(box) >= 0.5));

        Assert.True(matched >= Math.Ceiling(0.9 * CollageFixture.FaceCount), $"Found {matched} of {CollageFixture.FaceCount} faces with IoU >= 0.5; boxes: {string.Join(", ", collage.Found.Select(face => face.Box))}.");
        Assert.All(collage.Found, face => Assert.Contains(expected, box => face.Box.IntersectionOverUnion(box) >= 0.5));
        Assert.All(collage.Found, face => Assert.InRange(face.Confidence, YuNetFaceDetector.DefaultScoreThreshold, 1f));
        Assert.Equal(collage.Found.OrderByDescending(face => face.Confidence), collage.Found);
    }

    [Fact]
    public void DetectionOnAShrunkImageGivesBoxesInTheImagesOwnCoordinates()
    {
        using var halfSize = new YuNetFaceDetector(SharedData.YuNetModelPath, maxDetectionSide: CollageFixture.Width / 2);
        FaceBox[] expected = [.. collage.Pasted.Select(FaceCanvas.ExpectedBox)];

        IReadOnlyList<FaceDetection> found = halfSize.Detect(collage.Collage);

        // At half size the faces are 60 px and YuNet misses some (10 of these 12 when this was
        // written); what must hold is that every box it gives lies on a face in full-size pixels.
        Assert.True(found.Count >= 2 * CollageFixture.FaceCount / 3, $"Found {found.Count} of {CollageFixture.FaceCount} faces at half size.");
        Assert.All(found, face => Assert.Contains(expected, box => face.Box.IntersectionOverUnion(box) >= 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new YuNetFaceDetector(SharedData.YuNetModelPath, maxDetectionSide: -1));
    }

    [Fact]
    public void WithoutAlignmentEachFacesEmotionIsWhatPredictSaysAboutItsCropFile()
    {
        using var folder = new TemporaryDirectory();
        using var plain = new FaceEmotionAnalyzer(new YuNetFaceDetector(SharedData.YuNetModelPath), options: new FaceAnalysisOptions { AlignFaces = false });
        IReadOnlyList<FaceEmotion> found = plain.Analyze(collage.Collage);
        Assert.NotEmpty(found);
        foreach ((FaceEmotion face, int i) in found.Select((face, i) => (face, i)))
        {
            FaceBox crop = FaceCropRegion.Around(face.Box, CollageFixture.Width, CollageFixture.Height);
            string png = FaceCanvas.WriteCropPng(collage.Collage, crop, folder.Combine($"face{i}.png"));

            Assert.Equal(EmotionClassifier.Predict(png), face.Prediction);
        }
    }

    [Fact]
    public void EveryInputFormGivesTheSameFaces()
    {
        byte[] png = File.ReadAllBytes(collage.CollagePath);
        using var stream = new MemoryStream(png);
        using MLImage image = MLImage.CreateFromStream(new MemoryStream(png));
        using var bgra = new Mat();
        Cv2.CvtColor(collage.Collage, bgra, ColorConversionCodes.BGR2BGRA);
        using var gray = new Mat();
        Cv2.CvtColor(collage.Collage, gray, ColorConversionCodes.BGR2GRAY);

        Assert.Equal(collage.Found, collage.Analyzer.Analyze(collage.CollagePath));
        Assert.Equal(collage.Found, collage.Analyzer.Analyze(stream));
        Assert.Equal(collage.Found, collage.Analyzer.Analyze(png));
        Assert.Equal(collage.Found, collage.Analyzer.Analyze(image));
        Assert.Equal(collage.Found, collage.Analyzer.Analyze(bgra));
        Assert.Equal(collage.Found, collage.Analyzer.Analyze(gray));
    }

    [Fact]
    public void ACustomModelClassifiesTheFaces()
    {
        using EmotionModel model = EmotionClassifier.FromStream(new MemoryStream(new LinearFaceModel(seed: 11, EmotionLabels.Names).ToOnnx()));
        using var analyzer = new FaceEmotionAnalyzer(new YuNetFaceDetector(SharedData.YuNetModelPath), model, new FaceAnalysisOptions { AlignFaces = false });

        IReadOnlyList<FaceEmotion> faces = analyzer.Analyze(collage.Collage);

        Assert.Equal(collage.Found.Select(face => face.Box), faces.Select(face => face.Box));
        foreach (FaceEmotion face in faces)
        {
            FaceBox crop = FaceCropRegion.Around(face.Box, CollageFixture.Width, CollageFixture.Height);
            using MLImage cropImage = MatCrops.Crop(collage.Collage, crop);
            Assert.Equal(model.Predict(cropImage), face.Prediction);
        }

        Assert.NotEqual(collage.Found.Select(face => face.Prediction), faces.Select(face => face.Prediction));
    }

    [Fact]
    public void FacesSmallerThanTheMinimumSideAreSkipped()
    {
        int narrowest = collage.Found.Min(face => Math.Min(face.Box.Width, face.Box.Height));
        int widest = collage.Found.Max(face => Math.Min(face.Box.Width, face.Box.Height));
        Assert.True(narrowest < widest, "The collage's faces should differ in size.");
        int minimum = (narrowest + widest) / 2;
        using var analyzer = new FaceEmotionAnalyzer(SharedData.YuNetModelPath, options: new FaceAnalysisOptions { MinimumFaceSide = minimum });

        IReadOnlyList<FaceEmotion> faces = analyzer.Analyze(collage.Collage);

        Assert.Equal(collage.Found.Where(face => face.Box.Width >= minimum && face.Box.Height >= minimum), faces);
        Assert.NotEmpty(faces);
    }

    [Fact]
    public void ImagesWithoutFacesGiveNoFaces()
    {
        using var blank = new Mat(CollageFixture.Height, CollageFixture.Width, MatType.CV_8UC3, FaceCanvas.Background);
        using var noise = new Mat(CollageFixture.Height, CollageFixture.Width, MatType.CV_8UC3);
        Cv2.Randu(noise, Scalar.All(0), Scalar.All(256));
        using var stripes = new Mat(CollageFixture.Height, CollageFixture.Width, MatType.CV_8UC3, Scalar.White);
        for (int x = 0; x < CollageFixture.Width; x += 40)
        {
            Cv2.Rectangle(stripes, new Rect(x, 0, 20, stripes.Height), new Scalar(30, 90, 160), thickness: -1);
        }

        Assert.Empty(collage.Analyzer.Analyze(blank));
        Assert.Empty(collage.Analyzer.Analyze(noise));
        Assert.Empty(collage.Analyzer.Analyze(stripes));
    }

    [Fact]
    public void ConcurrentCallsOnImagesOfDifferentSizesGiveTheSequentialAnswers()
    {
        using var part = new Mat(collage.Collage, new Rect(0, 0, 640, 400));
        using Mat corner = part.Clone();
        IReadOnlyList<FaceEmotion> cornerFaces = collage.Analyzer.Analyze(corner);
        Assert.NotEmpty(cornerFaces);

        var results = new IReadOnlyList<FaceEmotion>[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            results[i] = collage.Analyzer.Analyze(i % 2 == 0 ? collage.Collage : corner));

        for (int i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? collage.Found : cornerFaces, results[i]);
        }
    }
}
