using System.CommandLine;
using FerNet.Training.Data;
using FerNet.Training.Checkpoints;
using FerNet.Training.Reports;
using FerNet.Training.Runs;

namespace FerNet.Training.Cli;

/// <summary>`export`: turns a checkpoint into the ONNX model (and, with --data, the test reports).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A FerNet checkpoint (best.ckpt or last.ckpt of a run).", Required = true };
        var output = new Option<string>("--out") { Description = "The .onnx file to write.", Required = true };
        var data = new Option<string?>("--data") { Description = "FER2013 root or CSV: score the test split and record its accuracy in the model's metadata." };
        var reports = new Option<string?>("--reports") { Description = "Keep the test report, confusion matrices and training curves (with --data, the class distribution before and after balancing too) in this folder." };
        var command = new Command("export", "Export a trained checkpoint to ONNX.") { checkpoint, output, data, reports };
        command.SetAction(result =>
        {
            string onnxPath = Path.GetFullPath(result.GetValue(output)!);
            string? dataPath = result.GetValue(data);
            string? keep = result.GetValue(reports);
            string reportDirectory = keep ?? Directory.CreateTempSubdirectory("fernet-export-").FullName;
            try
            {
                string? root = dataPath is null ? null : DataLocation.Require(dataPath);
                RunReportWriter.Write(
                    result.GetValue(checkpoint)!,
                    root is null ? null : TrainCommand.LoadTestSplit(root, Console.Out),
                    root is null || keep is null ? null : TrainingClassCounts(TrainingCheckpoint.ReadHeader(result.GetValue(checkpoint)!), root),
                    reportDirectory,
                    keep is null ? TextWriter.Null : Console.Out);
                Directory.CreateDirectory(Path.GetDirectoryName(onnxPath)!);
                File.Move(Path.Combine(reportDirectory, RunReportWriter.ModelFileName), onnxPath, overwrite: true);
                Console.WriteLine($"Wrote {onnxPath}.");
                return 0;
            }
            finally
            {
                if (keep is null)
                {
                    Directory.Delete(reportDirectory, recursive: true);
                }
            }
        });
        return command;
    }

    /// <summary>
    /// Training images per class before and after balancing, as the run that wrote
    /// <paramref name="header"/> had them: its split and balancing redone with its options and seed.
    /// </summary>
    internal static (int[] Before, int[] After) TrainingClassCounts(CheckpointHeader header, string dataPath)
    {
        // The split and balancing do not read the start checkpoint, which may be gone by now.
        var trainer = new Trainer(header.Options with { InitialWeights = null }, Path.GetTempPath(), TextWriter.Null);
        trainer.Prepare(Fer2013.Load(dataPath, Fer2013Split.Train));
        (FaceDataset train, _, int[] before) = trainer.Data!.Value;
        return (before, train.ClassCounts());
    }
}
