using System.CommandLine;
using FerNet.Training.Reports;

namespace FerNet.Training.Cli;

/// <summary>`export`: turns a checkpoint into the ONNX model (and, with --data, the test reports).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A FerNet checkpoint (best.ckpt or last.ckpt of a run).", Required = true };
        var output = new Option<string>("--out") { Description = "The .onnx file to write.", Required = true };
        var data = new Option<string?>("--data") { Description = "FER2013 root or CSV: score the test split and record its accuracy in the model's metadata." };
        var reports = new Option<string?>("--reports") { Description = "Keep the test report, confusion matrices and training curves in this folder." };
        var command = new Command("export", "Export a trained checkpoint to ONNX.") { checkpoint, output, data, reports };
        command.SetAction(result =>
        {
            string onnxPath = Path.GetFullPath(result.GetValue(output)!);
            string? dataPath = result.GetValue(data);
            string? keep = result.GetValue(reports);
            string reportDirectory = keep ?? Directory.CreateTempSubdirectory("fernet-export-").FullName;
            try
            {
                RunReportWriter.Write(
                    result.GetValue(checkpoint)!,
                    dataPath is null ? null : TrainCommand.LoadTestSplit(DataLocation.Require(dataPath), System.Console.Out),
                    classCounts: null,
                    reportDirectory,
                    keep is null ? TextWriter.Null : System.Console.Out);
                Directory.CreateDirectory(Path.GetDirectoryName(onnxPath)!);
                File.Move(Path.Combine(reportDirectory, RunReportWriter.ModelFileName), onnxPath, overwrite: true);
                System.Console.WriteLine($"Wrote {onnxPath}.");
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
}
