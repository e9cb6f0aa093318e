using System.Collections.ObjectModel;
using FerNet.Faces.Analysis;
using FerNet.Faces.Images;
using FerNet.Inference;
using Microsoft.ML.Data;

namespace FerNet.Faces;

/// <summary>
/// Finds every face in a photo or video frame and classifies the emotion of each: the face
/// detector (by default YuNet, bundled with this package) gives the boxes and landmarks; each face
/// is cut out as a square of 1.1 times the mean of the box's width and height, centred on the box,
/// turned upright on the line through its eyes (<see cref="FaceAnalysisOptions.AlignFaces"/>), and
/// classified by <see cref="IEmotionModel.Predict(MLImage)"/>: the same preprocessing and model as
/// a face crop given to <see cref="EmotionClassifier.Predict(string)"/>. Without alignment, or for a face
/// without landmarks, the square is clamped to the image instead of turned.
/// <code>
/// using var analyzer = new FaceEmotionAnalyzer();
/// foreach (FaceEmotion face in analyzer.Analyze("team.jpg"))
/// {
///     Console.WriteLine($"{face.Box}: {face.Prediction.Emotion} {face.Prediction.Probability:P1}");
/// }
/// </code>
/// </summary>
/// <remarks>
/// <para>
/// An image without a face gives an empty list. Faces whose box is smaller than
/// <see cref="FaceAnalysisOptions.MinimumFaceSide"/> (20 pixels by default) are skipped. Faces
/// come most confident first.
/// </para>
/// <para>
/// The analyzer owns its detector and disposes it; the <see cref="EmotionModel"/> stays the
/// caller's. All methods may be called from many threads at once (the detector serialises its own
/// calls).
/// </para>
/// </remarks>
public sealed class FaceEmotionAnalyzer : IDisposable
{
    /// <summary>
    /// The longest side, 2560 pixels, that the constructors which make their own YuNet detector
    /// shrink a photo to before detection (boxes are given in the photo's own pixels). YuNet's
    /// memory and time grow with the pixel count, so a camera's full-size photo costs far more
    /// than it gains; the faces that become too small to find at this scale are the smallest ones
    /// (docs/faces.md). Pass <c>new YuNetFaceDetector()</c> to detect at full size.
    /// </summary>
    public const int DefaultMaxDetectionSide = 2560;

    private readonly IFaceDetector _detector;
    private readonly IEmotionModel _model;
    private readonly int _minimumFaceSide;
    private readonly bool _alignFaces;
    private volatile bool _disposed;

    /// <summary>Creates an analyzer from any face detector.</summary>
    /// <param name="detector">The detector; the analyzer owns it from now on and disposes it.</param>
    /// <param name="model">The emotion model; null for <see cref="EmotionClassifier.Default"/>, the model embedded in FerNet.Inference. Not disposed by the analyzer.</param>
    /// <param name="options">How faces are treated; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="detector"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FaceAnalysisOptions.MinimumFaceSide"/> is below 1.</exception>
    public FaceEmotionAnalyzer(IFaceDetector detector, IEmotionModel? model = null, FaceAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        options ??= new FaceAnalysisOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinimumFaceSide, 1, nameof(options));
        _detector = detector;
        _model = model ?? EmotionClassifier.Default;
        _minimumFaceSide = options.MinimumFaceSide;
        _alignFaces = options.AlignFaces;
    }

    /// <summary>Creates an analyzer that finds faces with the YuNet model bundled with FerNet.Faces (see <see cref="YuNetFaceDetector(float, float, int)"/>) at its default thresholds, on photos shrunk to <see cref="DefaultMaxDetectionSide"/>.</summary>
    /// <param name="model">The emotion model; null for the embedded default model. Not disposed by the analyzer.</param>
    /// <param name="options">How faces are treated; null for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="FaceAnalysisOptions.MinimumFaceSide"/> is below 1.</exception>
    /// <exception cref="IOException">The bundled detector's cache file cannot be written.</exception>
    public FaceEmotionAnalyzer(IEmotionModel? model = null, FaceAnalysisOptions? options = null)
        : this(new YuNetFaceDetector(maxDetectionSide: DefaultMaxDetectionSide), model, options)
    {
    }

    /// <summary>Creates an analyzer that finds faces with a YuNet model file of the caller's own (see <see cref="YuNetFaceDetector(string, float, float, int)"/>) at its default thresholds, on photos shrunk to <see cref="DefaultMaxDetectionSide"/>.</summary>
    /// <param name="yuNetModelPath">The path of the YuNet .onnx file.</param>
    /// <param name="model">The emotion model; null for the embedded default model. Not disposed by the analyzer.</param>
    /// <param name="options">How faces are treated; null for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="yuNetModelPath"/> is null.</exception>
    /// <exception cref="FaceDetectorModelException">The path is blank, missing, or no model OpenCV can load.</exception>
    public FaceEmotionAnalyzer(string yuNetModelPath, IEmotionModel? model = null, FaceAnalysisOptions? options = null)
        : this(new YuNetFaceDetector(yuNetModelPath, maxDetectionSide: DefaultMaxDetectionSide), model, options)
    {
    }

    /// <summary>Finds and classifies the faces in an image file (JPEG, PNG, BMP, GIF or WebP), decoded exactly as <see cref="EmotionModel.Predict(string)"/> decodes it.</summary>
    /// <param name="imagePath">The path of the photo.</param>
    /// <returns>Every face found, most confident first; empty when there is none.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="imagePath"/>.</exception>
    /// <exception cref="InvalidImageException">The file is empty, no image, truncated or corrupt.</exception>
    /// <exception cref="UnsupportedImageFormatException">The file is an image in another format, such as TIFF.</exception>
    /// <exception cref="ImageTooLargeException">The file exceeds <see cref="ImageLimits"/>.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public IReadOnlyList<FaceEmotion> Analyze(string imagePath)
    {
        ThrowIfDisposed();
        using MLImage image = ImageLoader.Load(imagePath);
        return Analyze(image);
    }

    /// <summary>Finds and classifies the faces in an encoded image read from <paramref name="image"/>'s position to its end; it is read but not disposed.</summary>
    /// <param name="image">A readable stream holding a JPEG, PNG, BMP, GIF or WebP photo.</param>
    /// <returns>Every face found, most confident first; empty when there is none.</returns>
    /// <exception cref="InvalidImageException">The stream holds no usable image; see <see cref="Analyze(string)"/> for the other image exceptions.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public IReadOnlyList<FaceEmotion> Analyze(Stream image)
    {
        ThrowIfDisposed();
        using MLImage decoded = ImageLoader.Load(image);
        return Analyze(decoded);
    }

    /// <summary>Finds and classifies the faces in an encoded image (the bytes of a JPEG, PNG, BMP, GIF or WebP file).</summary>
    /// <param name="image">The encoded photo.</param>
    /// <returns>Every face found, most confident first; empty when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="InvalidImageException">The bytes are no usable image; see <see cref="Analyze(string)"/> for the other image exceptions.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public IReadOnlyList<FaceEmotion> Analyze(byte[] image)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(image);
        using MLImage decoded = ImageLoader.Load(image);
        return Analyze(decoded);
    }

    /// <summary>
    /// Finds the faces in many photos and classifies the faces of all of them together, through
    /// <see cref="EmotionModel.PredictBatch(IEnumerable{MLImage})"/> (one ONNX Runtime run per 64
    /// faces), which is faster than one <see cref="Analyze(string)"/> per photo when photos hold few
    /// faces each. Each face gets the probabilities <see cref="Analyze(string)"/> would give it, to
    /// within float rounding of a batched run.
    /// </summary>
    /// <param name="imagePaths">The paths of the photos (JPEG, PNG, BMP, GIF or WebP).</param>
    /// <returns>For each photo in order, its faces, most confident first; empty for a photo without one.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="imagePaths"/> or one of its paths is null.</exception>
    /// <exception cref="FileNotFoundException">A photo does not exist; nothing is returned then.</exception>
    /// <exception cref="InvalidImageException">A photo is empty, no image, truncated or corrupt; see <see cref="Analyze(string)"/> for the other image exceptions.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public IReadOnlyList<IReadOnlyList<FaceEmotion>> AnalyzeBatch(IEnumerable<string> imagePaths)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(imagePaths);
        var faces = new List<List<CroppedFace>>();
        try
        {
            foreach (string path in imagePaths)
            {
                using MLImage image = ImageLoader.Load(path);
                faces.Add(CropFaces(image));
            }

            IReadOnlyList<EmotionPrediction> predictions = _model.PredictBatch(faces.SelectMany(photo => photo.Select(face => face.Crop)));
            int next = 0;
            return faces
                .Select(photo => (IReadOnlyList<FaceEmotion>)photo.Select(face => face.Classified(predictions[next++])).ToList().AsReadOnly())
                .ToList()
                .AsReadOnly();
        }
        finally
        {
            faces.ForEach(photo => photo.ForEach(face => face.Crop.Dispose()));
        }
    }

    /// <summary>Finds and classifies the faces in an image already in memory; it is not disposed.</summary>
    /// <param name="image">The photo.</param>
    /// <returns>Every face found, most confident first; empty when there is none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="image"/> has been disposed.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="image"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public IReadOnlyList<FaceEmotion> Analyze(MLImage image)
    {
        ThrowIfDisposed();
        ArgumentNullException.ThrowIfNull(image);
        FaceImage.CheckedSize(image);
        return Classify(CropFaces(image));
    }

    /// <summary>Disposes the detector. Later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _detector.Dispose();
    }

    /// <summary>Classifies the crops one by one, as every public method but <see cref="AnalyzeBatch"/> ends; disposes them.</summary>
    private ReadOnlyCollection<FaceEmotion> Classify(List<CroppedFace> faces)
    {
        try
        {
            return faces.Select(face => face.Classified(_model.Predict(face.Crop))).ToList().AsReadOnly();
        }
        finally
        {
            faces.ForEach(face => face.Crop.Dispose());
        }
    }

    /// <summary>The faces the detector finds in <paramref name="image"/> that are large enough, each with its crop; the caller disposes the crops.</summary>
    private List<CroppedFace> CropFaces(MLImage image)
    {
        ThrowIfDisposed();
        var faces = new List<CroppedFace>();
        FaceDetection[] large = [.. _detector.Detect(image).Where(face => face.Box.Width >= _minimumFaceSide && face.Box.Height >= _minimumFaceSide)];
        if (large.Length == 0)
        {
            return faces;
        }

        // The pixels are copied for cutting only when there is a face to cut.
        using FaceImage pixels = FaceImage.From(image);
        foreach (FaceDetection detection in large)
        {

            FaceBox crop = FaceCropRegion.Around(detection.Box, pixels.Width, pixels.Height);
            if (crop.Area == 0)
            {
                continue;
            }

            if (_alignFaces && detection.Landmarks is FaceLandmarks landmarks)
            {
                FaceBox box = detection.Box;
                int side = Math.Max(1, (int)Math.Round(FaceCropRegion.Side(box)));
                faces.Add(new CroppedFace(detection, pixels.RotatedSquare(box.X + (box.Width / 2.0), box.Y + (box.Height / 2.0), side, landmarks.EyeLineAngle)));
            }
            else
            {
                faces.Add(new CroppedFace(detection, pixels.Crop(crop)));
            }
        }

        return faces;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}
