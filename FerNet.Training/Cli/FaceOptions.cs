using System.CommandLine;

namespace FerNet.Training.Cli;

/// <summary>The options the faces, video and camera verbs share.</summary>
internal static class FaceOptions
{
    public static Option<string> Detector() => new("--detector")
    {
        HelpName = "yunet.onnx",
        Description = "The YuNet face detector model (face_detection_yunet_2023mar.onnx from github.com/opencv/opencv_zoo, models/face_detection_yunet; MIT licence).",
        Required = true,
    };

    public static Option<string?> Model() => new("--model") { HelpName = "file.onnx", Description = "A FerNet .onnx model (default: the model embedded in FerNet.Inference)." };

    public static Option<int> DetectionSide() => new("--detection-side")
    {
        HelpName = "pixels",
        Description = "Detect faces on a copy shrunk to this longer side (default 0: full size). Faster, but faces that become too small are missed.",
        DefaultValueFactory = _ => 0,
    };

    public static Option<int> Every() => new("--every") { HelpName = "N", Description = "Analyse every N-th frame (default 1: all).", DefaultValueFactory = _ => 1 };

    public static Option<bool> AnnotatedVideo() => new("--annotated-video") { Description = "Also write annotated.mp4: every frame with the boxes and labels of the latest analysed frame." };
}
