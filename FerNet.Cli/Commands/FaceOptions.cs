using System.CommandLine;

namespace FerNet.Cli.Commands;

/// <summary>The options the faces, video and camera verbs share.</summary>
internal static class FaceOptions
{
    public static Option<string?> Detector() => new("--detector")
    {
        HelpName = "yunet.onnx",
        Description = "A YuNet face detector model of your own, such as face_detection_yunet_2023mar.onnx from github.com/opencv/opencv_zoo (default: the YuNet model bundled with FerNet.Faces).",
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
