using System.CommandLine;
using FerNet.Training.Cli;

var root = new RootCommand("FerNet training: train facial-expression CNNs on FER2013 with TorchSharp and export them to ONNX.")
{
    TrainCommand.Create(),
    SummaryCommand.Create(),
    ExportCommand.Create(),
    BenchmarkCommand.Create(),
};
return root.Parse(args).Invoke();
