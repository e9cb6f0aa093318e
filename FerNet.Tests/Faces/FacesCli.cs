using System.CommandLine;
using FerNet.Tests.Prediction;
using FerNet.Training.Cli;

namespace FerNet.Tests.Faces;

/// <summary>Runs the real faces and video verbs in process, as `fernet faces ...` would, capturing both outputs.</summary>
internal static class FacesCli
{
    public static PredictCliResult Run(params string[] arguments)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        int exitCode = new RootCommand { FacesCommand.Create(), VideoCommand.Create() }.Parse(arguments).Invoke(configuration);
        return new PredictCliResult(exitCode, output.ToString(), errors.ToString());
    }
}
