using System.CommandLine;
using FerNet.Cli.FaceAnalysis;

namespace FerNet.Cli.Commands;

/// <summary>`camera`: reads a webcam through the same frame pipeline as `video`, printing each analysed frame.</summary>
internal static class CameraCommand
{
    public static Command Create()
    {
        var detector = FaceOptions.Detector();
        var index = new Option<int>("--index") { HelpName = "N", Description = "The camera, as OpenCV numbers them (default 0).", DefaultValueFactory = _ => 0 };
        var output = new Option<string?>("--out") { HelpName = "folder", Description = "Also write timeline.csv, timeline.json (and with --annotated-video annotated.mp4) here when the reading ends." };
        var frames = new Option<int?>("--frames") { HelpName = "N", Description = "Stop after N frames (default: run until Ctrl+C, which writes nothing)." };
        var model = FaceOptions.Model();
        var every = FaceOptions.Every();
        var annotated = FaceOptions.AnnotatedVideo();
        var side = FaceOptions.DetectionSide();
        var command = new Command("camera", "Find and classify the faces in a webcam's frames, printing one line per analysed frame.") { detector, index, output, frames, model, every, annotated, side };
        command.SetAction(async (result, cancellationToken) =>
        {
            var request = new VideoFacesRequest(
                VideoPath: null,
                result.GetValue(index),
                result.GetValue(detector),
                result.GetValue(output),
                result.GetValue(model),
                result.GetValue(every),
                result.GetValue(annotated),
                result.GetValue(frames),
                result.GetValue(side));
            var runner = new VideoFacesRunner(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            return (int)await runner.RunAsync(request, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
