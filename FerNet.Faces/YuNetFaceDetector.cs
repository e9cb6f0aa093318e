using System.Globalization;
using FerNet.Faces.Detection;
using OpenCvSharp;

namespace FerNet.Faces;

/// <summary>
/// Finds faces with YuNet, the light face detector of the OpenCV Zoo, run by OpenCV's
/// <see cref="FaceDetectorYN"/>. FerNet.Faces bundles the model (MIT licence; the notice is in the
/// package's THIRD-PARTY-NOTICES.md), so no file is needed; a YuNet .onnx file of your own, such as
/// <c>face_detection_yunet_2023mar.onnx</c> from github.com/opencv/opencv_zoo, folder
/// models/face_detection_yunet, may be passed instead.
/// <code>
/// using var detector = new YuNetFaceDetector();
/// IReadOnlyList&lt;FaceDetection&gt; faces = detector.Detect(frame);
/// </code>
/// </summary>
/// <remarks>
/// OpenCV's detector is neither thread-safe nor able to change its input size in OpenCvSharp, so
/// calls are serialised by a lock, and a new OpenCV detector is made whenever an image's size
/// differs from the previous one's (a video's frames share one size and reuse it). Dispose the
/// detector when done: it holds native memory. OpenCV loads models only from files, so the bundled
/// model is written once to a cache file in the user's local application data folder.
/// </remarks>
public sealed class YuNetFaceDetector : IFaceDetector
{
    /// <summary>The default score threshold, 0.7: FER2013-like gray faces score 0.8 to 0.92, below OpenCV's sample default of 0.9.</summary>
    public const float DefaultScoreThreshold = 0.7f;

    /// <summary>The default non-maximum suppression threshold: boxes overlapping a better one by an IoU above 0.3 are dropped.</summary>
    public const float DefaultNmsThreshold = 0.3f;

    /// <summary>Where the model is published, for error messages and documentation.</summary>
    internal const string WhereToGetTheModel =
        "Download YuNet (face_detection_yunet_2023mar.onnx) from the OpenCV Zoo, github.com/opencv/opencv_zoo, folder models/face_detection_yunet (MIT licence), and pass its path, or pass none to use the YuNet model bundled with FerNet.Faces.";

    private const int CandidatesBeforeSuppression = 5000;
    private const int ColumnsPerFace = 15;
    private const int ScoreColumn = 14;

    private readonly Lock _lock = new();
    // Null for the bundled model, whose cache file is checked before every load.
    private readonly string? _modelPath;
    private readonly float _scoreThreshold;
    private readonly float _nmsThreshold;
    private readonly int _maxDetectionSide;
    private FaceDetectorYN _detector;
    private Size _inputSize;
    private bool _disposed;

    /// <summary>Loads the YuNet model bundled with FerNet.Faces.</summary>
    /// <param name="scoreThreshold">Faces scoring below this are dropped; in (0, 1].</param>
    /// <param name="nmsThreshold">Of boxes overlapping by an IoU above this, only the best is kept; in (0, 1].</param>
    /// <param name="maxDetectionSide">
    /// 0 (the default) detects on the image as it is. A positive value shrinks images whose longer
    /// side exceeds it to that side before detection, and scales the boxes back: faster (the
    /// detector's time grows with the pixel count), but faces that become too small at that scale are
    /// missed.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">A threshold lies outside (0, 1], or <paramref name="maxDetectionSide"/> is negative.</exception>
    /// <exception cref="IOException">The bundled model's cache file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The cache folder may not be written.</exception>
    public YuNetFaceDetector(float scoreThreshold = DefaultScoreThreshold, float nmsThreshold = DefaultNmsThreshold, int maxDetectionSide = 0)
        : this(modelPath: null, scoreThreshold, nmsThreshold, maxDetectionSide, bundled: true)
    {
    }

    /// <summary>Loads a YuNet model file of the caller's own.</summary>
    /// <param name="modelPath">The path of the YuNet .onnx file.</param>
    /// <param name="scoreThreshold">Faces scoring below this are dropped; in (0, 1].</param>
    /// <param name="nmsThreshold">Of boxes overlapping by an IoU above this, only the best is kept; in (0, 1].</param>
    /// <param name="maxDetectionSide">0 (the default) detects on the image as it is; a positive value detects on a copy shrunk to that longer side (see <see cref="YuNetFaceDetector(float, float, int)"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="modelPath"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold lies outside (0, 1], or <paramref name="maxDetectionSide"/> is negative.</exception>
    /// <exception cref="FaceDetectorModelException">The path is blank, there is no file at it, or OpenCV cannot load it as a face detector.</exception>
    public YuNetFaceDetector(string modelPath, float scoreThreshold = DefaultScoreThreshold, float nmsThreshold = DefaultNmsThreshold, int maxDetectionSide = 0)
        : this(modelPath ?? throw new ArgumentNullException(nameof(modelPath)), scoreThreshold, nmsThreshold, maxDetectionSide, bundled: false)
    {
    }

    private YuNetFaceDetector(string? modelPath, float scoreThreshold, float nmsThreshold, int maxDetectionSide, bool bundled)
    {
        CheckThreshold(scoreThreshold, nameof(scoreThreshold));
        CheckThreshold(nmsThreshold, nameof(nmsThreshold));
        ArgumentOutOfRangeException.ThrowIfNegative(maxDetectionSide);
        if (!bundled && string.IsNullOrWhiteSpace(modelPath))
        {
            throw new FaceDetectorModelException($"No face detector model was given. {WhereToGetTheModel}");
        }

        if (!bundled && !File.Exists(modelPath))
        {
            throw new FaceDetectorModelException($"Face detector model '{modelPath}' does not exist. {WhereToGetTheModel}");
        }

        _modelPath = modelPath;
        _scoreThreshold = scoreThreshold;
        _nmsThreshold = nmsThreshold;
        _maxDetectionSide = maxDetectionSide;
        _inputSize = new Size(320, 320);
        _detector = Create(_inputSize);
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> is empty or not 8-bit BGR.</exception>
    /// <exception cref="ObjectDisposedException">The detector has been disposed.</exception>
    public IReadOnlyList<FaceDetection> Detect(Mat image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Empty() || image.Type() != MatType.CV_8UC3)
        {
            throw new ArgumentException($"The detector takes a non-empty 8-bit BGR image (CV_8UC3); got {image.Type()} of {image.Width} x {image.Height}.", nameof(image));
        }

        double scale = _maxDetectionSide > 0 && Math.Max(image.Width, image.Height) > _maxDetectionSide
            ? (double)_maxDetectionSide / Math.Max(image.Width, image.Height)
            : 1.0;
        using Mat? shrunk = scale < 1.0 ? image.Resize(new Size(0, 0), scale, scale, InterpolationFlags.Area) : null;
        Mat input = shrunk ?? image;
        using var faces = new Mat();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (input.Size() != _inputSize)
            {
                _detector.Dispose();
                _inputSize = input.Size();
                _detector = Create(_inputSize);
            }

            _detector.Detect(input, faces);
        }

        return Read(faces, 1.0 / scale);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            if (!_disposed)
            {
                _disposed = true;
                _detector.Dispose();
            }
        }
    }

    private static void CheckThreshold(float value, string name)
    {
        if (!(value > 0f && value <= 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, "A threshold lies in (0, 1].");
        }
    }

    // One row per face: box x, y, width, height, five landmarks (x, y: right eye, left eye, nose
    // tip, right and left mouth corner), score.
    private static FaceDetection[] Read(Mat faces, double toImage)
    {
        int rows = faces.Rows;
        if (rows == 0)
        {
            return [];
        }

        faces.GetArray(out float[] values);
        var detections = new FaceDetection[rows];
        for (int row = 0; row < rows; row++)
        {
            int at = row * ColumnsPerFace;
            var box = new FaceBox(
                (int)Math.Round(values[at] * toImage),
                (int)Math.Round(values[at + 1] * toImage),
                (int)Math.Round(values[at + 2] * toImage),
                (int)Math.Round(values[at + 3] * toImage));
            var landmarks = new FaceLandmarks(
                Landmark(values, at, 0, toImage),
                Landmark(values, at, 1, toImage),
                Landmark(values, at, 2, toImage),
                Landmark(values, at, 3, toImage),
                Landmark(values, at, 4, toImage));
            detections[row] = new FaceDetection(box, Math.Clamp(values[at + ScoreColumn], 0f, 1f), landmarks);
        }

        return [.. detections.OrderByDescending(face => face.Confidence)];
    }

    private static FacePoint Landmark(float[] values, int rowStart, int index, double toImage) =>
        new((float)(values[rowStart + 4 + (2 * index)] * toImage), (float)(values[rowStart + 5 + (2 * index)] * toImage));

    private FaceDetectorYN Create(Size inputSize)
    {
        string path = _modelPath ?? BundledYuNetModel.EnsureFile();
        try
        {
            return FaceDetectorYN.Create(path, string.Empty, inputSize, _scoreThreshold, _nmsThreshold, CandidatesBeforeSuppression);
        }
        catch (OpenCVException e)
        {
            string model = _modelPath is null ? $"{BundledYuNetModel.Description} (cached at '{path}')" : $"Face detector model '{path}'";
            throw new FaceDetectorModelException(
                string.Create(CultureInfo.InvariantCulture, $"{model} could not be loaded by OpenCV ({e.Message.Trim()}). {WhereToGetTheModel}"),
                e);
        }
    }
}
