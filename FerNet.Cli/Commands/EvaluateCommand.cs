using System.CommandLine;
using FerNet.Cli.Evaluation;
using FerNet.Cli.Files;
using FerNet.Cli.Prediction;
using FerNet.Common.IO;
using FerNet.Tooling.Metrics;
using FerNet.Inference;

namespace FerNet.Cli.Commands;

/// <summary>`evaluate`: scores a FerNet model on a folder of labelled images and prints the classification report.</summary>
internal static class EvaluateCommand
{
    // The exit code of a run stopped by Ctrl+C, as for predict and faces.
    private const int Cancelled = 130;

    public static Command Create()
    {
        var model = new Option<string?>("--model") { HelpName = "file.onnx", Description = "A FerNet .onnx model (default: the model embedded in FerNet.Inference)." };
        var data = new Option<string>("--data")
        {
            HelpName = "folder",
            Description = "A folder with one subfolder of images per class, named angry, disgust, fear, happy, neutral, sad, surprise (as FER2013's test/ folder).",
            Required = true,
        };
        var json = new Option<string?>("--json") { HelpName = "report.json", Description = "Also write the report as JSON to this file." };
        var augmentation = AugmentationOption.Create();
        var precision = PrecisionOption.Create();
        var command = new Command("evaluate", "Score a FerNet model on a labelled folder and print precision, recall and F1 per class.") { model, data, json, augmentation, precision };
        command.SetAction((result, cancellationToken) =>
        {
            var options = new EmotionModelOptions { TestTimeAugmentation = AugmentationOption.Parse(result.GetValue(augmentation)) };
            DefaultModelPrecision defaultPrecision = PrecisionOption.Parse(result.GetValue(precision), result.GetValue(model));
            string? jsonPath = result.GetValue(json);
            if (jsonPath is not null && OutputLocation.FileRefusal(jsonPath, "--json") is string unwritable)
            {
                throw new PredictionSetupException(unwritable);
            }

            string folder = result.GetValue(data)!;
            LabelledImages images = LabelledFolder.Read(folder);
            string? modelPath = result.GetValue(model);
            if (modelPath is not null && RegularFile.ReadRefusal(modelPath, $"Model file '{modelPath}'") is string unreadable)
            {
                throw new PredictionSetupException(unreadable);
            }

            using EmotionModel scorer = modelPath is null ? EmotionClassifier.LoadDefault(defaultPrecision, options) : EmotionClassifier.Load(modelPath, options);
            TextWriter output = result.InvocationConfiguration.Output;
            ClassificationReport report;
            try
            {
                report = FolderEvaluation.Evaluate(scorer, images, result.InvocationConfiguration.Error, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                result.InvocationConfiguration.Error.WriteLine("Cancelled; no report was written.");
                return Task.FromResult(Cancelled);
            }

            string views = options.TestTimeAugmentation == TestTimeAugmentation.None ? string.Empty : ", with flip test-time augmentation";
            output.WriteLine($"{modelPath ?? (defaultPrecision == DefaultModelPrecision.Int8 ? "The embedded int8 model" : "The embedded model")} on {folder} ({images.Paths.Count} images{views}):");
            output.WriteLine(report.ToText(digits: 4));
            output.WriteLine("Confusion matrix (rows: true label, columns: predicted):");
            output.Write(report.ConfusionMatrix.ToText());
            if (jsonPath is not null)
            {
                AtomicFile.WriteAllText(jsonPath, report.ToJson());
            }

            return Task.FromResult(0);
        });
        return command;
    }
}
