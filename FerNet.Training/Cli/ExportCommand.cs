using System.CommandLine;
using FerNet.Training.Export;
using FerNet.Training.Reports;

namespace FerNet.Training.Cli;

/// <summary>`export`: turns a checkpoint into the ONNX model (and, with --reports, writes its reports too).</summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint") { Description = "A FerNet checkpoint (best.ckpt or last.ckpt of a run).", Required = true };
        var output = new Option<string>("--out") { Description = "The .onnx file to write.", Required = true };
        var data = new Option<string?>("--data") { Description = "FER2013 root or CSV: score the test split and record its accuracy in the model's metadata." };
        var reports = new Option<string?>("--reports") { Description = "Write the training curves and the class distribution before and after balancing (with --data, the test report and confusion matrices too) in this folder." };
        var command = new Command("export", "Export a trained checkpoint to ONNX.") { checkpoint, output, data, reports };
        command.SetAction(result =>
        {
            string checkpointPath = CommandLineChecks.InputFile("--checkpoint", result.GetValue(checkpoint)!);
            string onnxPath = Path.GetFullPath(CommandLineChecks.OutputFile("--out", result.GetValue(output)!));
            string? dataPath = result.GetValue(data);
            string? reportDirectory = result.GetValue(reports) is string folder ? CommandLineChecks.OutputFolder("--reports", folder) : null;
            var test = dataPath is null ? null : TrainCommand.LoadTestSplit(DataLocation.Require(dataPath), Console.Out);
            if (reportDirectory is not null)
            {
                RunReportWriter.Write(checkpointPath, test, reportDirectory, onnxPath, Console.Out);
            }
            else
            {
                CheckpointExport.Export(checkpointPath, test, onnxPath);
            }

            Console.WriteLine($"Wrote {onnxPath}.");
            return 0;
        });
        return command;
    }
}
