using FerNet.Tooling.Metrics;
using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Training.Export;
using FerNet.Training.Models;
using FerNet.Training.Runs;

namespace FerNet.Training.Reports;

/// <summary>
/// What a finished run hands the user: the checkpoint scored on the test split (report as text and
/// JSON, confusion matrices as pictures), its training curves, the class distribution before and
/// after balancing that the checkpoint records, and the model exported by <see cref="CheckpointExport"/>
/// with the scores in its metadata.
/// </summary>
internal static class RunReportWriter
{
    /// <summary>File name of the exported model inside the run folder.</summary>
    public const string ModelFileName = "model.onnx";

    /// <summary>File name of the class-distribution picture.</summary>
    public const string ClassDistributionFileName = "class-distribution.png";

    /// <summary>Writes every report of the checkpoint in <paramref name="reportDirectory"/> and exports it; returns the test report, if any.</summary>
    /// <param name="checkpointPath">The checkpoint to report on (the run's best).</param>
    /// <param name="test">The test split, or null when the data has none (then only validation figures are reported).</param>
    /// <param name="reportDirectory">Where the reports and pictures go.</param>
    /// <param name="onnxPath">The .onnx file to export the checkpoint to.</param>
    /// <param name="log">Where to say what was written.</param>
    /// <param name="history">
    /// The whole run's history for the training curves; null: the checkpoint's, which ends at its own
    /// epoch (a best checkpoint knows nothing of the epochs after it).
    /// </param>
    public static ClassificationReport? Write(string checkpointPath, FaceDataset? test, string reportDirectory, string onnxPath, TextWriter log, IReadOnlyList<EpochRecord>? history = null)
    {
        (FerModel model, CheckpointHeader header) = TrainingCheckpoint.LoadModel(checkpointPath);
        using (model)
        {
            Directory.CreateDirectory(reportDirectory);
            string title = $"{header.Architecture} (epoch {header.EpochsCompleted}, validation {header.ValidationAccuracy:P1})";
            TrainingCurvesChart.Write(history ?? header.History, $"{header.Architecture}: training history", Path.Combine(reportDirectory, "training-curves.png"));
            if (header.ClassCounts is ClassCounts counts)
            {
                ClassDistributionChart.Write(counts.Before, counts.After, "Training images per class, before and after balancing", Path.Combine(reportDirectory, ClassDistributionFileName));
            }
            else
            {
                log.WriteLine($"No {ClassDistributionFileName}: checkpoint '{checkpointPath}' does not record its training images per class.");
            }

            ClassificationReport? report = null;
            if (test is not null)
            {
                report = ModelEvaluation.Report(model, test);
                TestReportFiles.Write(report, title, reportDirectory);
                log.WriteLine($"Test split ({test.Count} images), checkpoint of epoch {header.EpochsCompleted}:");
                log.WriteLine(report.ToText(digits: 4));
            }

            CheckpointExport.Export(model, header, report?.Accuracy, onnxPath);
            log.WriteLine($"Wrote {onnxPath}, and the reports and pictures in {reportDirectory}.");
            return report;
        }
    }
}
