using FerNet.Faces.Video.Frames;
using FerNet.Inference;
using Microsoft.ML.Data;
using OpenCvSharp;

namespace FerNet.Faces.Video;

/// <summary>
/// What FerNet.Faces.Video adds to <see cref="FaceEmotionAnalyzer"/> and <see cref="IFaceDetector"/>:
/// video files, cameras and OpenCV frames (<see cref="Mat"/>), read by OpenCV and analysed exactly as
/// photos are.
/// <code>
/// using var analyzer = new FaceEmotionAnalyzer();
/// await foreach (FrameFaces frame in analyzer.AnalyzeVideo("meeting.mp4", new VideoAnalysisOptions { FrameInterval = 5 }))
/// {
///     Console.WriteLine($"{frame.Timestamp}: {frame.Faces.Count} faces");
/// }
/// </code>
/// </summary>
public static class VideoAnalysis
{
    /// <summary>Finds and classifies the faces in an OpenCV image, such as a video frame; it is not changed or disposed.</summary>
    /// <param name="analyzer">The analyzer.</param>
    /// <param name="frame">An 8-bit gray, BGR or BGRA image (CV_8UC1, CV_8UC3 or CV_8UC4).</param>
    /// <returns>Every face found, most confident first; empty when there is none.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="frame"/> is empty or of another pixel type.</exception>
    /// <exception cref="ImageTooLargeException"><paramref name="frame"/> has more than <see cref="ImageLimits.MaxPixels"/> pixels (a frame of 8K video does).</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public static IReadOnlyList<FaceEmotion> Analyze(this FaceEmotionAnalyzer analyzer, Mat frame)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(frame);
        using MLImage image = MatImages.ToMLImage(frame);
        return analyzer.Analyze(image);
    }

    /// <summary>Every face <paramref name="detector"/> finds in an OpenCV image, most confident first.</summary>
    /// <param name="detector">The detector.</param>
    /// <param name="frame">An 8-bit gray, BGR or BGRA image; it is not changed.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="frame"/> is empty or of another pixel type.</exception>
    public static IReadOnlyList<FaceDetection> Detect(this IFaceDetector detector, Mat frame)
    {
        ArgumentNullException.ThrowIfNull(detector);
        ArgumentNullException.ThrowIfNull(frame);
        using MLImage image = MatImages.ToMLImage(frame);
        return detector.Detect(image);
    }

    /// <summary>
    /// Reads a video file frame by frame and yields the faces of every analysed frame (every
    /// <see cref="VideoAnalysisOptions.FrameInterval"/>-th frame, from frame 0).
    /// </summary>
    /// <param name="analyzer">The analyzer.</param>
    /// <param name="videoPath">A video OpenCV's bundled FFmpeg reads (MP4, AVI, MKV, ...).</param>
    /// <param name="options">Which frames to analyse, and whether to write an annotated copy; null for every frame and no copy.</param>
    /// <param name="cancellationToken">Stops the reading between frames; an annotated copy is then not written.</param>
    /// <returns>The analysed frames in order. The file is checked at once; the reading starts when the results are enumerated.</returns>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="videoPath"/>.</exception>
    /// <exception cref="InvalidVideoException">The file is no regular file (a pipe or a device), no video OpenCV can read, or has no readable frame.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public static IAsyncEnumerable<FrameFaces> AnalyzeVideo(this FaceEmotionAnalyzer analyzer, string videoPath, VideoAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        options ??= new VideoAnalysisOptions();
        options.Validate();
        VideoSource source = VideoSource.File(videoPath);
        return new FramePipeline(analyzer, source, options).Run(cancellationToken);
    }

    /// <summary>
    /// Reads a camera frame by frame and yields the faces of every analysed frame, as
    /// <see cref="AnalyzeVideo"/> does for a file; timestamps are the time since the camera opened.
    /// It runs until <see cref="VideoAnalysisOptions.MaxFrames"/> frames are read, the camera stops, or
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <param name="analyzer">The analyzer.</param>
    /// <param name="cameraIndex">The camera's index, as OpenCV numbers them (0 for the first).</param>
    /// <param name="options">Which frames to analyse, how many to read, and whether to write an annotated video.</param>
    /// <param name="cancellationToken">Stops the reading between frames; an annotated video is then not written.</param>
    /// <returns>The analysed frames in order. The camera is opened when the results are enumerated; <see cref="InvalidVideoException"/> then tells that it cannot be.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cameraIndex"/> is negative.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The analyzer has been disposed.</exception>
    public static IAsyncEnumerable<FrameFaces> AnalyzeCamera(this FaceEmotionAnalyzer analyzer, int cameraIndex, VideoAnalysisOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentOutOfRangeException.ThrowIfNegative(cameraIndex);
        options ??= new VideoAnalysisOptions();
        options.Validate();
        return new FramePipeline(analyzer, VideoSource.Camera(cameraIndex), options).Run(cancellationToken);
    }
}
