using System.CommandLine;
using FerNet.Core.Data;
using FerNet.Faces;
using FerNet.Inference;
using FerNet.Training.Checkpoints;
using FerNet.Training.Cli;

var root = new RootCommand("FerNet: train facial-expression CNNs on FER2013 with TorchSharp, export them to ONNX and score them.")
{
    TrainCommand.Create(),
    SummaryCommand.Create(),
    ExportCommand.Create(),
    EvaluateCommand.Create(),
    EnsembleCommand.Create(),
    QuantizeCommand.Create(),
    BenchmarkCommand.Create(),
    PredictCommand.Create(),
    FacesCommand.Create(),
    VideoCommand.Create(),
    CameraCommand.Create(),
};

try
{
    return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is DatasetFormatException or InvalidCheckpointException or InvalidModelException or InvalidImageException
    or FaceDetectorModelException or InvalidVideoException
    or FileNotFoundException or DirectoryNotFoundException or ArgumentException or UnauthorizedAccessException)
{
    // Bad input is the user's to fix: say what and where, without a stack trace.
    Console.Error.WriteLine($"error: {e.Message}");
    return 2;
}
