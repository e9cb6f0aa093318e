using System.CommandLine;
using FerNet.Cli.FaceAnalysis;

namespace FerNet.Cli.Commands;

/// <summary>`faces`: finds every face in photos, classifies each, writes annotated photos and a results file.</summary>
internal static class FacesCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("photo-or-folder") { Description = "A photo (JPEG, PNG, BMP, GIF or WebP), or a folder of them." };
        var detector = FaceOptions.Detector();
        var output = new Option<string>("--out") { HelpName = "folder", Description = "Where the annotated photos (name.faces.png or .jpg) and faces.csv or faces.json go.", Required = true };
        var model = FaceOptions.Model();
        var json = new Option<bool>("--json") { Description = "Write faces.json instead of faces.csv." };
        var recursive = new Option<bool>("--recursive") { Description = "Read the folder's subfolders too." };
        var side = FaceOptions.DetectionSide();
        var augmentation = AugmentationOption.Create();
        var precision = PrecisionOption.Create();
        var command = new Command("faces", "Find every face in photos with YuNet and classify its expression with a FerNet model.") { input, detector, output, model, json, recursive, side, augmentation, precision };
        command.SetAction((result, cancellationToken) =>
        {
            var request = new PhotoFacesRequest(
                result.GetValue(input)!,
                result.GetValue(detector),
                result.GetValue(output)!,
                result.GetValue(model),
                result.GetValue(json),
                result.GetValue(recursive),
                result.GetValue(side),
                AugmentationOption.Parse(result.GetValue(augmentation)),
                PrecisionOption.Parse(result.GetValue(precision), result.GetValue(model)));
            var runner = new PhotoFacesRunner(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            return Task.FromResult((int)runner.Run(request, cancellationToken));
        });
        return command;
    }
}
