using FerNet.Faces.Detection;
using FerNet.Faces.Images;
using FerNet.Inference;
using Microsoft.ML.Data;

namespace FerNet.Faces;

/// <summary>
/// Finds faces with YuNet, the light face detector of the OpenCV Zoo, run by ONNX Runtime and
/// decoded as OpenCV's <c>FaceDetectorYN</c> decodes it (the same boxes, scores and landmarks).
/// FerNet.Faces bundles the model (MIT licence; the notice is in the package's
/// THIRD-PARTY-NOTICES.md), so no file is needed; a YuNet .onnx file of your own, such as
/// <c>face_detection_yunet_2023mar.onnx</c> from github.com/opencv/opencv_zoo, folder
/// models/face_detection_yunet, may be passed instead.
/// <code>
/// using var detector = new YuNetFaceDetector();
/// using MLImage photo = ImageLoader.Load("team.jpg");
/// IReadOnlyList&lt;FaceDetection&gt; faces = detector.Detect(photo);
/// </code>
/// </summary>
/// <remarks>
/// Any image size is taken as it is (padded to a multiple of 32 pixels, as OpenCV does). Calls may
/// come from many threads at once. Dispose the detector when done: it holds native memory.
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

    /// <summary>How many of the best candidates non-maximum suppression looks at, as FerNet asked of OpenCV.</summary>
    private const int CandidatesBeforeSuppression = 5000;

    private readonly YuNetSession _session;
    private readonly float _scoreThreshold;
    private readonly float _nmsThreshold;
    private readonly int _maxDetectionSide;
    private volatile bool _disposed;

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
    public YuNetFaceDetector(float scoreThreshold = DefaultScoreThreshold, float nmsThreshold = DefaultNmsThreshold, int maxDetectionSide = 0)
        : this(Checked(scoreThreshold, nmsThreshold, maxDetectionSide, () => YuNetSession.Open(BundledYuNetModel.Read(), BundledYuNetModel.Description)), scoreThreshold, nmsThreshold, maxDetectionSide)
    {
    }

    /// <summary>Loads a YuNet model file of the caller's own.</summary>
    /// <param name="modelPath">The path of the YuNet .onnx file.</param>
    /// <param name="scoreThreshold">Faces scoring below this are dropped; in (0, 1].</param>
    /// <param name="nmsThreshold">Of boxes overlapping by an IoU above this, only the best is kept; in (0, 1].</param>
    /// <param name="maxDetectionSide">0 (the default) detects on the image as it is; a positive value detects on a copy shrunk to that longer side (see <see cref="YuNetFaceDetector(float, float, int)"/>).</param>
    /// <exception cref="ArgumentNullException"><paramref name="modelPath"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A threshold lies outside (0, 1], or <paramref name="maxDetectionSide"/> is negative.</exception>
    /// <exception cref="FaceDetectorModelException">
    /// The path is blank, there is no file at it, ONNX Runtime cannot load it, or it is an ONNX model
    /// but not YuNet (its inputs, outputs or output sizes differ); the message names the file.
    /// </exception>
    public YuNetFaceDetector(string modelPath, float scoreThreshold = DefaultScoreThreshold, float nmsThreshold = DefaultNmsThreshold, int maxDetectionSide = 0)
        : this(Checked(scoreThreshold, nmsThreshold, maxDetectionSide, () => OpenFile(modelPath ?? throw new ArgumentNullException(nameof(modelPath)))), scoreThreshold, nmsThreshold, maxDetectionSide)
    {
    }

    private YuNetFaceDetector(YuNetSession session, float scoreThreshold, float nmsThreshold, int maxDetectionSide)
    {
        _session = session;
        _scoreThreshold = scoreThreshold;
        _nmsThreshold = nmsThreshold;
        _maxDetectionSide = maxDetectionSide;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="image"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels.</exception>
    /// <exception cref="ObjectDisposedException">The detector has been disposed.</exception>
    public IReadOnlyList<FaceDetection> Detect(MLImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        ObjectDisposedException.ThrowIf(_disposed, this);
        (int width, int height, byte[] bgr) = FaceImage.BgrPixels(image);
        int longer = Math.Max(width, height);
        if (_maxDetectionSide == 0 || longer <= _maxDetectionSide)
        {
            return Detect(bgr, width, height, bytesPerPixel: 3, 1.0);
        }

        // Each side scaled alike and kept at least one pixel, however long and thin the image.
        double scale = (double)_maxDetectionSide / longer;
        using FaceImage full = FaceImage.From(image);
        using FaceImage shrunk = full.Resized((int)Math.Round(width * scale), (int)Math.Round(height * scale));
        return Detect(shrunk.Bitmap.GetPixelSpan(), shrunk.Width, shrunk.Height, bytesPerPixel: 4, 1.0 / scale);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _session.Dispose();
        }
    }

    private static YuNetSession Checked(float scoreThreshold, float nmsThreshold, int maxDetectionSide, Func<YuNetSession> open)
    {
        CheckThreshold(scoreThreshold, nameof(scoreThreshold));
        CheckThreshold(nmsThreshold, nameof(nmsThreshold));
        ArgumentOutOfRangeException.ThrowIfNegative(maxDetectionSide);
        return open();
    }

    private static YuNetSession OpenFile(string modelPath)
    {
        if (string.IsNullOrWhiteSpace(modelPath))
        {
            throw new FaceDetectorModelException($"No face detector model was given. {WhereToGetTheModel}");
        }

        if (!File.Exists(modelPath))
        {
            throw new FaceDetectorModelException($"Face detector model '{modelPath}' does not exist. {WhereToGetTheModel}");
        }

        return YuNetSession.Open(File.ReadAllBytes(modelPath), $"Face detector model '{modelPath}'");
    }

    private static void CheckThreshold(float value, string name)
    {
        if (!(value > 0f && value <= 1f))
        {
            throw new ArgumentOutOfRangeException(name, value, "A threshold lies in (0, 1].");
        }
    }

    private static FacePoint Landmark(float[] values, int index, double toImage) =>
        new((float)(values[2 * index] * toImage), (float)(values[(2 * index) + 1] * toImage));

    private FaceDetection[] Detect(ReadOnlySpan<byte> pixels, int width, int height, int bytesPerPixel, double toImage)
    {
        float[] blob = YuNetBlob.From(pixels, width, height, bytesPerPixel, out int paddedWidth, out int paddedHeight);
        ObjectDisposedException.ThrowIf(_disposed, this);
        float[][] outputs = _session.Run(blob, paddedWidth, paddedHeight);
        List<FaceCandidate> faces = FaceSuppression.Apply(
            YuNetDecoder.Decode(outputs, paddedWidth, paddedHeight, _scoreThreshold), _scoreThreshold, _nmsThreshold, CandidatesBeforeSuppression);
        return [.. faces
            .Select(face => new FaceDetection(
                new FaceBox(
                    (int)Math.Round(face.X * toImage),
                    (int)Math.Round(face.Y * toImage),
                    (int)Math.Round(face.Width * toImage),
                    (int)Math.Round(face.Height * toImage)),
                Math.Clamp(face.Score, 0f, 1f),
                new FaceLandmarks(
                    Landmark(face.Landmarks, 0, toImage),
                    Landmark(face.Landmarks, 1, toImage),
                    Landmark(face.Landmarks, 2, toImage),
                    Landmark(face.Landmarks, 3, toImage),
                    Landmark(face.Landmarks, 4, toImage))))
            .OrderByDescending(face => face.Confidence)];
    }
}
