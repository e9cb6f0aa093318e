using System.Globalization;
using FerNet.Tooling.Metrics;
using FerNet.Training.Checkpoints;
using FerNet.Training.Data;
using FerNet.Training.Evaluation;
using FerNet.Training.Models;

namespace FerNet.Training.Export;

/// <summary>
/// The export step of a run: a checkpoint becomes an ONNX model whose metadata says how it was
/// trained, with its validation accuracy and, when a test split is given, its test accuracy.
/// </summary>
internal static class CheckpointExport
{
    /// <summary>Loads the checkpoint at <paramref name="checkpointPath"/> and exports it to <paramref name="onnxPath"/>.</summary>
    /// <param name="checkpointPath">A FerNet checkpoint.</param>
    /// <param name="test">When given, the model is scored on it and its accuracy recorded in the metadata.</param>
    /// <param name="onnxPath">The .onnx file to write (replaced atomically).</param>
    /// <returns>The model's test report, or null without <paramref name="test"/>.</returns>
    public static ClassificationReport? Export(string checkpointPath, FaceDataset? test, string onnxPath)
    {
        (FerModel model, CheckpointHeader header) = TrainingCheckpoint.LoadModel(checkpointPath);
        using (model)
        {
            ClassificationReport? report = test is null ? null : ModelEvaluation.Report(model, test);
            Export(model, header, report?.Accuracy, onnxPath);
            return report;
        }
    }

    /// <summary>Exports <paramref name="model"/>, loaded from a checkpoint with <paramref name="header"/>, to <paramref name="onnxPath"/>.</summary>
    /// <param name="model">The checkpoint's model.</param>
    /// <param name="header">The checkpoint's header: the run's options and validation accuracy.</param>
    /// <param name="testAccuracy">The model's accuracy on the test split, when it was scored.</param>
    /// <param name="onnxPath">The .onnx file to write (replaced atomically).</param>
    public static void Export(FerModel model, CheckpointHeader header, double? testAccuracy, string onnxPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(onnxPath))!);
        OnnxExporter.Export(model, new OnnxExportInfo
        {
            TrainingData = TrainingDataDescription(header),
            ValidationAccuracy = header.ValidationAccuracy,
            TestAccuracy = testAccuracy,
        }, onnxPath);
    }

    private static string TrainingDataDescription(CheckpointHeader header)
    {
        var options = header.Options;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"FER2013 training split: {1 - options.ValidationFraction:P0} for training, a stratified {options.ValidationFraction:P0} held out for validation (split seed {options.EffectiveSplitSeed}); recipe '{options.Recipe}'; the checkpoint of epoch {header.EpochsCompleted} of {options.Epochs}, chosen by validation accuracy");
    }
}
