namespace FerNet.Cli.FaceAnalysis;

/// <summary>What the video or camera verb was asked to do.</summary>
/// <param name="VideoPath">The video file; null for a camera.</param>
/// <param name="CameraIndex">The camera's index when <paramref name="VideoPath"/> is null.</param>
/// <param name="DetectorPath">A YuNet .onnx file; null for the model bundled with FerNet.Faces.</param>
/// <param name="OutputDirectory">Where timeline.csv, timeline.json and annotated.mp4 go; null writes nothing (camera only).</param>
/// <param name="ModelPath">A FerNet .onnx file; null for the model embedded in FerNet.Inference.</param>
/// <param name="FrameInterval">Analyse every this-many-th frame.</param>
/// <param name="AnnotatedVideo">Also write annotated.mp4.</param>
/// <param name="MaxFrames">Stop after this many frames; null reads to the end.</param>
/// <param name="MaxDetectionSide">Detect on copies shrunk to this longer side; 0 for full size.</param>
internal sealed record VideoFacesRequest(
    string? VideoPath,
    int CameraIndex,
    string? DetectorPath,
    string? OutputDirectory,
    string? ModelPath = null,
    int FrameInterval = 1,
    bool AnnotatedVideo = false,
    int? MaxFrames = null,
    int MaxDetectionSide = 0);
