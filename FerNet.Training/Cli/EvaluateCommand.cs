using System.CommandLine;
using FerNet.Common.IO;
using FerNet.Tooling.Metrics;
using FerNet.Inference;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Tooling.Terminal;
using FerNet.Training.Terminal;

namespace FerNet.Training.Cli;

/// <summary>`evaluate`: scores an exported .onnx model through FerNet.Inference and prints the classification report.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "The .onnx model to score.", Required = true };
        var data = new Option<string>("--data") { Description = "FER2013 root (Kaggle folders) or challenge CSV.", Required = true };
        var split = new Option<string>("--split") { Description = "test (PublicTest), private (PrivateTest, CSV only), train, or validation (the split `train` held out).", DefaultValueFactory = _ => "test" };
        var seed = new Option<int>("--seed") { Description = "With --split validation: the training run's --split-seed (or --seed where it set none).", DefaultValueFactory = _ => 1 };
        var validationFraction = new Option<double>("--val-fraction") { Description = "With --split validation: the training run's --val-fraction.", DefaultValueFactory = _ => 0.1 };
        var json = new Option<string?>("--json") { Description = "Also write the report as JSON to this file." };
        var augmentation = new Option<string>("--tta") { Description = "Test-time augmentation: none, or flip (average each face with its mirror image; twice the model time).", DefaultValueFactory = _ => "none" };
        var coverage = new Option<bool>("--coverage") { Description = "Also print the accuracy of the confident predictions against their share, for top-probability thresholds from 0.3 to 0.9 (choose a threshold on --split validation)." };
        var command = new Command("evaluate", "Score an exported model on a FER2013 split through FerNet.Inference, the path users get.") { model, data, split, seed, validationFraction, json, augmentation, coverage };
        command.SetAction(result =>
        {
            Fer2013Split which = result.GetValue(split) switch
            {
                "train" or "validation" => Fer2013Split.Train,
                "test" => Fer2013Split.PublicTest,
                "private" => Fer2013Split.PrivateTest,
                var other => throw new ArgumentException($"Unknown split '{other}': use test, private, train or validation."),
            };
            var options = new EmotionModelOptions
            {
                TestTimeAugmentation = result.GetValue(augmentation) switch
                {
                    "none" => TestTimeAugmentation.None,
                    "flip" => TestTimeAugmentation.HorizontalFlip,
                    var other => throw new ArgumentException($"Unknown test-time augmentation '{other}': use none or flip."),
                },
            };
            string? jsonPath = result.GetValue(json) is string file ? CommandLineChecks.OutputFile("--json", file) : null;
            double heldOut = result.GetValue(split) == "validation" ? CommandLineChecks.ValidationFraction("--val-fraction", result.GetValue(validationFraction)) : 0;
            using EmotionModel onnx = EmotionClassifier.Load(result.GetValue(model)!, options);
            FaceDataset dataset = Fer2013.Load(DataLocation.Require(result.GetValue(data)!), which);
            if (result.GetValue(split) == "validation")
            {
                dataset = dataset.Select(StratifiedSplit.Split(dataset, heldOut, result.GetValue(seed)).Validation);
            }

            EmotionPrediction[] predictions = ConsoleProgressBar.Show(Console.Error, "Scoring", dataset.Count, "img", progress => OnnxModelEvaluation.Predict(onnx, dataset, progress));
            ClassificationReport report = ClassificationReport.FromPredictions(dataset.Labels, [.. predictions.Select(prediction => prediction.Emotion)]);
            string views = options.TestTimeAugmentation == TestTimeAugmentation.None ? "" : ", with flip test-time augmentation";
            Console.WriteLine($"{result.GetValue(model)} on the {result.GetValue(split)} split ({dataset.Count} images{views}):");
            Console.WriteLine(report.ToText(digits: 4));
            if (result.GetValue(coverage))
            {
                Console.WriteLine();
                Console.WriteLine(ConfidenceCoverage.FromPredictions(
                    dataset.Labels,
                    [.. predictions.Select(prediction => prediction.Emotion)],
                    [.. predictions.Select(prediction => prediction.Probability)]).ToMarkdown());
            }

            if (jsonPath is not null)
            {
                AtomicFile.WriteAllText(jsonPath, report.ToJson());
            }

            return 0;
        });
        return command;
    }
}
