using OpenCvSharp;

namespace FerNet.Benchmarks.Faces;

/// <summary>
/// The face benchmark's inputs, found beside the repository as the tests find them: the YuNet model
/// at ../shared/models/face_detection_yunet.onnx (or FERNET_YUNET) and FER2013 test faces under
/// ../shared/fer2013 (or FERNET_DATA), relative to the folder the benchmarks run from.
/// </summary>
internal static class BenchmarkFrame
{
    private const int FaceSide = 120;

    public static string DetectorPath => Existing(
        Environment.GetEnvironmentVariable("FERNET_YUNET") is { Length: > 0 } path ? path : Path.Combine("..", "shared", "models", "face_detection_yunet.onnx"),
        "The YuNet model is missing; set FERNET_YUNET or run from the repository root with ../shared/models beside it.");

    /// <summary>FER2013's test folder (PublicTest), one subfolder per emotion.</summary>
    public static string TestFolder => Existing(
        Path.Combine(Environment.GetEnvironmentVariable("FERNET_DATA") is { Length: > 0 } root ? root : Path.Combine("..", "shared", "fer2013"), "test"),
        "FER2013 is missing; set FERNET_DATA or run from the repository root with ../shared/fer2013 beside it.");

    /// <summary>A 640 x 480 gray-background frame with the first happy, neutral, surprise, sad and angry test faces.</summary>
    public static Mat FiveFaces()
    {
        string test = TestFolder;
        Point[] places = [new(40, 60), new(260, 60), new(480, 60), new(150, 290), new(370, 290)];
        string[] classes = ["happy", "neutral", "surprise", "sad", "angry"];
        var frame = new Mat(480, 640, MatType.CV_8UC3, new Scalar(200, 200, 200));
        for (int i = 0; i < places.Length; i++)
        {
            string file = Directory.GetFiles(Path.Combine(test, classes[i])).Order(StringComparer.Ordinal).First();
            using Mat gray = Cv2.ImRead(file, ImreadModes.Grayscale);
            using var large = new Mat();
            Cv2.Resize(gray, large, new Size(FaceSide, FaceSide), interpolation: InterpolationFlags.Cubic);
            using var target = new Mat(frame, new Rect(places[i].X, places[i].Y, FaceSide, FaceSide));
            Cv2.CvtColor(large, target, ColorConversionCodes.GRAY2BGR);
        }

        return frame;
    }

    private static string Existing(string path, string message) =>
        File.Exists(path) || Directory.Exists(path) ? path : throw new FileNotFoundException($"{message} Looked for {Path.GetFullPath(path)}.", path);
}
