using System.CommandLine;
using FerNet.Training.Cli;
using FerNet.Training.Torch;

OneDnnIsaLimit.Apply();

return TrainingCommandLine.Run(args, new InvocationConfiguration());
