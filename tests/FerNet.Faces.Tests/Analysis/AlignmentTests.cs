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

/// <summary>YuNet's landmarks on FaceDetection, faces turned upright on the eye line, and many photos analysed in one batch.</summary>
public sealed class AlignmentTests(CollageFixture collage) : IClassFixture<CollageFixture>
{
    [Fact]
    public void EveryFaceOfTheCollageHasItsEyesLevelInsideItsBox()
    {
        Assert.NotEmpty(collage.Found);
        foreach (FaceEmotion face in collage.Found)
        {
            FaceLandmarks landmarks = face.Landmarks ?? throw new Xunit.Sdk.XunitException($"The face at {face.Box} has no landmarks.");
            foreach (FacePoint point in new[] { landmarks.RightEye, landmarks.LeftEye, landmarks.NoseTip, landmarks.RightMouthCorner, landmarks.LeftMouthCorner })
            {
                Assert.InRange(point.X, face.Box.X, face.Box.Right);
                Assert.InRange(point.Y, face.Box.Y, face.Box.Bottom);
            }

            Assert.True(landmarks.RightEye.X < landmarks.LeftEye.X, $"The right eye should lie left of the left eye in the image: {landmarks}.");
            Assert.True(landmarks.NoseTip.Y < landmarks.RightMouthCorner.Y, $"The nose should lie above the mouth: {landmarks}.");
            Assert.InRange(landmarks.EyeLineAngle, -12, 12);
        }
    }

    [Theory]
    [InlineData(25)]
    [InlineData(-25)]
    public void The_eye_line_angle_follows_the_tilt_and_the_aligned_crop_is_the_face_upright(double tilt)
    {
        using Mat face = FaceCanvas.FerFaces(7, TiltedPhoto.FaceSide)[6];
        using Mat upright = TiltedPhoto.Make(face, 0);
        using Mat tilted = TiltedPhoto.Make(face, tilt);
        using var detector = new YuNetFaceDetector(SharedData.YuNetModelPath);

        FaceDetection level = Assert.Single(detector.Detect(upright));
        FaceDetection turned = Assert.Single(detector.Detect(tilted));

        double angle = turned.Landmarks!.Value.EyeLineAngle - level.Landmarks!.Value.EyeLineAngle;
        Assert.InRange(angle, tilt - 8, tilt + 8);
        const double Centre = TiltedPhoto.Side / 2.0;
        using MLImage reference = MatCrops.RotatedSquare(upright, Centre, Centre, TiltedPhoto.FaceSide, 0);
        using MLImage plain = MatCrops.RotatedSquare(tilted, Centre, Centre, TiltedPhoto.FaceSide, 0);
        using MLImage aligned = MatCrops.RotatedSquare(tilted, Centre, Centre, TiltedPhoto.FaceSide, angle);
        Assert.True(
            MeanGap(aligned, reference) < MeanGap(plain, reference) / 2,
            $"Turned upright, the crop differs from the upright face's by {MeanGap(aligned, reference):0.0} gray levels; unturned by {MeanGap(plain, reference):0.0}.");
    }

    [Fact]
    public void The_analyzer_classifies_the_turned_crop_when_aligning_and_the_plain_crop_when_not()
    {
        using Mat face = FaceCanvas.FerFaces(3, TiltedPhoto.FaceSide)[2];
        using Mat tilted = TiltedPhoto.Make(face, 20);
        using var aligning = new FaceEmotionAnalyzer(new YuNetFaceDetector(SharedData.YuNetModelPath), options: new FaceAnalysisOptions { AlignFaces = true });
        using var plain = new FaceEmotionAnalyzer(new YuNetFaceDetector(SharedData.YuNetModelPath), options: new FaceAnalysisOptions { AlignFaces = false });

        FaceEmotion alignedFace = Assert.Single(aligning.Analyze(tilted));
        FaceEmotion plainFace = Assert.Single(plain.Analyze(tilted));

        FaceBox box = alignedFace.Box;
        using MLImage turned = MatCrops.RotatedSquare(tilted, box.X + (box.Width / 2.0), box.Y + (box.Height / 2.0), (int)Math.Round(FaceCropRegion.Side(box)), alignedFace.Landmarks!.Value.EyeLineAngle);
        using MLImage cropped = MatCrops.Crop(tilted, FaceCropRegion.Around(box, tilted.Width, tilted.Height));
        Assert.Equal(EmotionClassifier.Default.Predict(turned), alignedFace.Prediction);
        Assert.Equal(EmotionClassifier.Default.Predict(cropped), plainFace.Prediction);
        Assert.Equal(alignedFace.Box, plainFace.Box);
        Assert.True(new FaceAnalysisOptions().AlignFaces);
    }

    [Fact]
    public void AnalyzeBatch_gives_each_photo_the_faces_Analyze_gives_it()
    {
        using var folder = new TemporaryDirectory();
        using Mat empty = FaceCanvas.Compose(300, 200, []);
        string[] paths = [collage.CollagePath, folder.Combine("empty.png"), collage.CollagePath];
        Assert.True(Cv2.ImWrite(paths[1], empty));

        IReadOnlyList<IReadOnlyList<FaceEmotion>> batch = collage.Analyzer.AnalyzeBatch(paths);

        Assert.Equal(paths.Length, batch.Count);
        Assert.Empty(batch[1]);
        foreach (IReadOnlyList<FaceEmotion> photo in new[] { batch[0], batch[2] })
        {
            Assert.Equal(collage.Found.Select(face => (face.Box, face.Confidence, face.Landmarks)), photo.Select(face => (face.Box, face.Confidence, face.Landmarks)));
            foreach ((FaceEmotion expected, FaceEmotion actual) in collage.Found.Zip(photo))
            {
                PredictionAssert.Matches([.. expected.Prediction.Probabilities], actual.Prediction, "a batched face");
            }
        }
    }

    private static double MeanGap(MLImage a, MLImage b)
    {
        byte[] x = a.GetBGRPixels;
        byte[] y = b.GetBGRPixels;
        Assert.Equal(x.Length, y.Length);
        return x.Zip(y).Average(pair => Math.Abs(pair.First - pair.Second));
    }
}
