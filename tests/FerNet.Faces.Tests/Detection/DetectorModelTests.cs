using FerNet.Core;
using FerNet.Faces;
using FerNet.Faces.Video;
using FerNet.Testing.Data;
using FerNet.Testing.Files;
using FerNet.Testing.Models;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace FerNet.Faces.Tests.Detection;

/// <summary>A missing, blank or unusable detector model is refused with a message that says where YuNet comes from.</summary>
public sealed class DetectorModelTests
{
    [Fact]
    public void AMissingModelFileIsNamedWithWhereToGetYuNet()
    {
        using var folder = new TemporaryDirectory();
        string missing = folder.Combine("yunet.onnx");

        FaceDetectorModelException error = Assert.Throws<FaceDetectorModelException>(() => new YuNetFaceDetector(missing));
        FaceDetectorModelException viaAnalyzer = Assert.Throws<FaceDetectorModelException>(() => new FaceEmotionAnalyzer(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Contains("github.com/opencv/opencv_zoo", error.Message, StringComparison.Ordinal);
        Assert.Contains("models/face_detection_yunet", error.Message, StringComparison.Ordinal);
        Assert.Contains("MIT", error.Message, StringComparison.Ordinal);
        Assert.Equal(error.Message, viaAnalyzer.Message);
    }

    [Fact]
    public void ABlankPathIsRefusedWithWhereToGetYuNet()
    {
        FaceDetectorModelException error = Assert.Throws<FaceDetectorModelException>(() => new YuNetFaceDetector(" "));

        Assert.Contains("No face detector model was given", error.Message, StringComparison.Ordinal);
        Assert.Contains("github.com/opencv/opencv_zoo", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new YuNetFaceDetector(null!));
    }

    [Fact]
    public void AFileThatIsNoModelIsRefusedByName()
    {
        using var folder = new TemporaryDirectory();
        string notAModel = folder.Combine("notes.onnx");
        File.WriteAllText(notAModel, "not a model");

        FaceDetectorModelException error = Assert.Throws<FaceDetectorModelException>(() => new YuNetFaceDetector(notAModel));

        Assert.Contains(notAModel, error.Message, StringComparison.Ordinal);
        Assert.IsType<OnnxRuntimeException>(error.InnerException);
    }

    [Theory]
    [InlineData(0f, 0.3f)]
    [InlineData(1.5f, 0.3f)]
    [InlineData(0.7f, -0.1f)]
    [InlineData(float.NaN, 0.3f)]
    public void ThresholdsOutsideZeroToOneAreRefused(float score, float nms)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new YuNetFaceDetector(SharedData.YuNetModelPath, score, nms));
    }

    [Fact]
    public void TheDetectorRefusesOtherPixelTypesAndCallsAfterDisposal()
    {
        var detector = new YuNetFaceDetector(SharedData.YuNetModelPath);
        using var floats = new Mat(100, 100, MatType.CV_32FC3, Scalar.All(0.5));
        using var image = new Mat(100, 100, MatType.CV_8UC3, Scalar.All(128));

        Assert.Throws<ArgumentException>(() => detector.Detect(floats));
        Assert.Empty(detector.Detect(image));
        detector.Dispose();
        Assert.Throws<ObjectDisposedException>(() => detector.Detect(image));
    }

    [Fact]
    public void AnOnnxModelThatIsNotYuNetIsRefusedByNameWhenTheDetectorIsMade()
    {
        using var folder = new TemporaryDirectory();
        string emotionModel = folder.Combine("emotions.onnx");
        File.WriteAllBytes(emotionModel, new LinearFaceModel(seed: 3, EmotionLabels.Names).ToOnnx());

        FaceDetectorModelException error = Assert.Throws<FaceDetectorModelException>(() => new YuNetFaceDetector(emotionModel));

        Assert.Contains(emotionModel, error.Message, StringComparison.Ordinal);
        Assert.Contains("not YuNet", error.Message, StringComparison.Ordinal);
        Assert.Contains("github.com/opencv/opencv_zoo", error.Message, StringComparison.Ordinal);
    }
}
