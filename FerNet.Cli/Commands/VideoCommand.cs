using System.CommandLine;
using FerNet.Cli.FaceAnalysis;

namespace FerNet.Cli.Commands;

/// <summary>`video`: reads a video file frame by frame and writes a timeline of the faces and their emotions.</summary>
internal static class VideoCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("video") { Description = "A video file (MP4, AVI, MKV, ... whatever OpenCV's bundled FFmpeg reads)." };
        var detector = FaceOptions.Detector();
        var output = new Option<string>("--out") { HelpName = "folder", Description = "Where timeline.csv, timeline.json and annotated.mp4 go.", Required = true };
        var model = FaceOptions.Model();
        var every = FaceOptions.Every();
        var annotated = FaceOptions.AnnotatedVideo();
        var side = FaceOptions.DetectionSide();
        var command = new Command("video", "Find and classify the faces in a video file, frame by frame, and write a timeline.") { input, detector, output, model, every, annotated, side };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new VideoFacesRequest(
                result.GetValue(input)!,
                CameraIndex: 0,
                result.GetValue(detector),
                result.GetValue(output),
                result.GetValue(model),
                result.GetValue(every),
                result.GetValue(annotated),
                MaxDetectionSide: result.GetValue(side));
            var runner = new VideoFacesRunner(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            return (int)await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
