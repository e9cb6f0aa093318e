using System.Globalization;
using FerNet.Training.Data;
using FerNet.Core.Metrics;
using FerNet.Training.Checkpoints;
using FerNet.Training.Evaluation;
using FerNet.Training.Export;
using FerNet.Training.Models;

namespace FerNet.Training.Reports;

/// <summary>
/// What a finished run hands the user: the best checkpoint scored on the test split (report as text
/// and JSON, confusion matrices as pictures), its training curves, the class distribution before and
/// after balancing, and the exported ONNX model with the scores in its metadata.
/// </summary>
internal static class RunReportWriter
{
    /// <summary>File name of the exported model inside the run folder.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>Writes every report of the run in <paramref name="outputDirectory"/>; returns the test report, if any.</summary>
    /// <param name="checkpointPath">The checkpoint to report on (the run's best).</param>
    /// <param name="test">The test split, or null when the data has none (then only validation figures are reported).</param>
    /// <param name="classCounts">Training images per class before and after balancing, when known.</param>
    /// <param name="outputDirectory">The run folder.</param>
    /// <param name="log">Where to say what was written.</param>
    public static ClassificationReport? Write(
        string checkpointPath, FaceDataset? test, (int[] Before, int[] After)? classCounts, string outputDirectory, TextWriter log)
    {
        (FerModel model, CheckpointHeader header) = TrainingCheckpoint.LoadModel(checkpointPath);
        using (model)
        {
            string title = $"{header.Architecture} (epoch {header.EpochsCompleted}, validation {header.ValidationAccuracy:P1})";
            TrainingCurvesChart.Write(header.History, $"{header.Architecture}: training history", Path.Combine(outputDirectory, "training-curves.png"));
            if (classCounts is var (before, after))
            {
                ClassDistributionChart.Write(before, after, "Training images per class, before and after balancing", Path.Combine(outputDirectory, "class-distribution.png"));
            }

            ClassificationReport? report = null;
            if (test is not null)
            {
                (float[] probabilities, _) = ModelEvaluation.Predict(model, test);
                report = ClassificationReport.FromPredictions(test.Labels, ModelEvaluation.ArgMax(probabilities));
                TestReportFiles.Write(report, title, outputDirectory);
                log.WriteLine($"Test split ({test.Count} images), best checkpoint of epoch {header.EpochsCompleted}:");
                log.WriteLine(report.ToText(digits: 4));
            }

            string onnxPath = Path.Combine(outputDirectory, ModelFileName);
            OnnxExporter.Export(model, new OnnxExportInfo
            {
                TrainingData = TrainingDataDescription(header),
                ValidationAccuracy = header.ValidationAccuracy,
                TestAccuracy = report?.Accuracy,
            }, onnxPath);
            log.WriteLine($"Wrote {onnxPath}, the reports and the pictures in {outputDirectory}.");
            return report;
        }
    }

    private static string TrainingDataDescription(CheckpointHeader header)
    {
        var options = header.Options;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"FER2013 training split: {1 - options.ValidationFraction:P0} for training, a stratified {options.ValidationFraction:P0} held out for validation (split seed {options.EffectiveSplitSeed}); recipe '{options.Recipe}'; the checkpoint of epoch {header.EpochsCompleted} of {options.Epochs}, chosen by validation accuracy");
    }
}
