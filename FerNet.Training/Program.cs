using System.CommandLine;
using FerNet.Inference;
using FerNet.Training.Checkpoints;
using FerNet.Training.Cli;
using FerNet.Training.Data;
using FerNet.Training.Quantization;
using FerNet.Training.Torch;

OneDnnIsaLimit.Apply();

var root = new RootCommand("FerNet: train facial-expression CNNs on FER2013 with TorchSharp, export them to ONNX and score them.")
{
    TrainCommand.Create(),
    SummaryCommand.Create(),
    ExportCommand.Create(),
    EvaluateCommand.Create(),
    EnsembleCommand.Create(),
    QuantizeCommand.Create(),
    BenchmarkCommand.Create(),
};

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (QuantizationLossException e)
{
    // The work ran and measured a loss the user did not allow: not bad input, so its own code.
    Console.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
    return 3;
}
catch (Exception e) when (e is DatasetFormatException or InvalidCheckpointException or InvalidModelException or InvalidImageException
    or IOException or ArgumentException or UnauthorizedAccessException)
{
    // Bad input is the user's to fix: say what and where, without a stack trace.
    // Some messages (ArgumentOutOfRangeException's) span lines; an error is one line.
    Console.Error.WriteLine($"error: {e.Message.ReplaceLineEndings(" ")}");
    return 2;
}
