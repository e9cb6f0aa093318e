using System.CommandLine;
using FerNet.Cli.Prediction;

namespace FerNet.Cli.Commands;

/// <summary>`predict`: classifies one face crop, a folder of them, or the images a list names.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("image-or-folder") { Description = "A face crop (JPEG, PNG, BMP, GIF or WebP), or a folder of them." };
        var model = new Option<string?>("--model") { HelpName = "file.onnx", Description = "A FerNet .onnx model (default: the model embedded in FerNet.Inference)." };
        var list = new Option<string?>("--list") { HelpName = "names.csv", Description = "A CSV whose img_name column names the images to score, relative to the folder (the first column of a FER submission file); names that lead outside the folder are skipped." };
        var output = new Option<string?>("--out") { HelpName = "results.csv|results.json", Description = "Write the results to this file; .csv or .json chooses the format. Without it a folder's CSV goes to standard output." };
        var recursive = new Option<bool>("--recursive") { Description = "Score the folder's subfolders too." };
        var top = new Option<int?>("--top") { HelpName = "K", Description = "The K most probable emotions: the rows of the single-image table (default all 7) and a 'top' list per image in JSON. CSV always has all seven probabilities." };
        var augmentation = AugmentationOption.Create();
        var precision = PrecisionOption.Create();
        var command = new Command("predict", "Classify the facial expression of face crops with a FerNet model.") { input, model, list, output, recursive, top, augmentation, precision };
        command.SetAction((result, cancellationToken) =>
        {
            var request = new PredictionRequest(
                result.GetValue(input)!,
                result.GetValue(model),
                result.GetValue(list),
                result.GetValue(output),
                result.GetValue(recursive),
                result.GetValue(top),
                AugmentationOption.Parse(result.GetValue(augmentation)),
                PrecisionOption.Parse(result.GetValue(precision), result.GetValue(model)));
            var runner = new PredictionRunner(result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            return Task.FromResult((int)runner.Run(request, cancellationToken));
        });
        return command;
    }
}
